using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using Spectre.Console;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>dataspace bench [names...] [--quick] [--markdown FILE]</c>: runs the project's benchmarks, each against a baseline measured in the same run.</summary>
public static class BenchCommand
{
    /// <summary>Exit code for an unknown benchmark name.</summary>
    public const int UsageError = 2;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var available = string.Join(", ", BenchmarkRegistry.All().Select(b => b.Name));
        var names = new Argument<string[]>("names")
        {
            Description = $"Benchmarks to run (default: all). Available: {available}.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var quick = new Option<bool>("--quick") { Description = "Fewer warm-up runs and samples: a smoke run with indicative figures." };
        var markdown = new Option<string?>("--markdown")
        {
            Description = "Write each benchmark's results as a section of this Markdown file (e.g. docs/benchmarks.md), replacing the previous one; a relative path is taken from the repository root.",
            HelpName = "FILE",
        };
        var command = new Command("bench", "Run benchmarks (compile with -c Release) and print ms per operation with the ratio to each baseline.")
        {
            names,
            quick,
            markdown,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(names) ?? [],
            parse.GetValue(quick),
            parse.GetValue(markdown),
            "dataspace " + string.Join(' ', parse.Tokens.Select(t => t.Value)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string[] names, bool quick, string? markdown, string commandLine, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var all = BenchmarkRegistry.All();
        var unknown = names.Where(n => all.All(b => b.Name != n)).ToList();
        if (unknown.Count > 0)
        {
            await Console.Error.WriteLineAsync($"dataspace bench: unknown benchmark {string.Join(", ", unknown)}; available: {string.Join(", ", all.Select(b => b.Name))}");
            return UsageError;
        }

        var selected = names.Length == 0 ? all : all.Where(b => names.Contains(b.Name)).ToList();
        var machine = MachineInfo.Current();
        var optimized = typeof(BenchCommand).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled != true;
        var recordedCommand = $"`{commandLine}` ({(optimized ? "Release" : "Debug")} build)";
        // `dotnet run --project` starts in the project folder, so a relative report path is anchored at the repository root, where the documented command is typed.
        var repositoryRoot = RepositoryRoot();
        var report = markdown is null ? null : Path.GetFullPath(markdown, repositoryRoot ?? Directory.GetCurrentDirectory());
        console.MarkupLineInterpolated($"[bold]dataspace bench[/] on {machine.ToString()}");
        foreach (var benchmark in selected)
        {
            var context = new BenchmarkContext(quick ? MeasurementPlan.Quick : MeasurementPlan.Full, repositoryRoot, console);
            if (!optimized)
            {
                context.Note("Debug build: the JIT does not optimise, so these figures understate the code; run with -c Release.");
            }

            console.MarkupLineInterpolated($"[bold]{benchmark.Name}[/]: {benchmark.Description}");
            var rows = await benchmark.RunAsync(context, cancellationToken);
            BenchmarkTable.Write(console, benchmark, rows);
            if (report is not null)
            {
                var existing = File.Exists(report) ? await File.ReadAllTextAsync(report, cancellationToken) : null;
                var section = BenchmarkMarkdown.Section(benchmark, rows, context.Notes, recordedCommand, machine, DateTimeOffset.UtcNow);
                Directory.CreateDirectory(Path.GetDirectoryName(report)!);
                await File.WriteAllTextAsync(report, BenchmarkMarkdown.Upsert(existing, benchmark.Name, section), cancellationToken);
                console.MarkupLineInterpolated($"[grey]written to {report}[/]");
            }
        }

        return 0;
    }

    // Benchmarks find their scripts and test data from the repository root; the bench may be started from any folder inside it or from its build output.
    private static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Dataspace.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }
}
