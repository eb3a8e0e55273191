using Spectre.Console;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>What a benchmark gets while it runs: the measurement plan, where the repository is, and a place for progress and notes.</summary>
public sealed class BenchmarkContext
{
    private readonly IAnsiConsole _console;
    private readonly List<string> _notes = [];

    /// <summary>Creates a context; <paramref name="repositoryRoot"/> is null when the repository (Dataspace.sln) cannot be found.</summary>
    public BenchmarkContext(MeasurementPlan plan, string? repositoryRoot, IAnsiConsole console)
    {
        Plan = plan;
        RepositoryRoot = repositoryRoot;
        _console = console;
    }

    /// <summary>Warm-up and sample counts to use.</summary>
    public MeasurementPlan Plan { get; }

    /// <summary>The folder holding Dataspace.sln, or null.</summary>
    public string? RepositoryRoot { get; }

    /// <summary>Notes recorded so far; they are printed under the table and written to docs/benchmarks.md.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>Records something a reader of the figures must know (a skipped baseline, a version, a caveat).</summary>
    public void Note(string text)
    {
        _notes.Add(text);
        _console.MarkupLineInterpolated($"[yellow]note:[/] {text}");
    }

    /// <summary>Shows what is being measured now.</summary>
    public void Progress(string text) => _console.MarkupLineInterpolated($"[grey]… {text}[/]");
}
