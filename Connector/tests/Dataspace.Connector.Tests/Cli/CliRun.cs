using Dataspace.Connector.Cli;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>The outcome of one in-process <c>dataspace</c> invocation: exit code and what it wrote.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <see cref="DataspaceCli.InvokeAsync"/> with stdout and stderr captured; callers must be in <see cref="ConsoleCollection"/>.</summary>
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var (originalOut, originalError) = (Console.Out, Console.Error);
        using var output = new StringWriter();
        using var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            var exitCode = await DataspaceCli.InvokeAsync(args);
            return new CliRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
