using System.ComponentModel;
using System.Diagnostics;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>Runs an external tool (npm, node) for a baseline and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>The exit code, stdout and stderr of a finished process.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <paramref name="fileName"/> in <paramref name="workingDirectory"/>; null when the program cannot be started (not installed).</summary>
    public static async Task<Result?> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            // Both streams are drained concurrently so a chatty tool cannot block on a full pipe.
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new Result(process.ExitCode, await output, await error);
        }
    }
}
