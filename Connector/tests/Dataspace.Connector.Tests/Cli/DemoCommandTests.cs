using System.Diagnostics;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>The README's first command, <c>dataspace demo</c>, run as its own process exactly as a user runs it.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task The_demo_plays_every_scenario_and_exits_zero()
    {
        var data = Directory.CreateTempSubdirectory("dataspace-demo-test-");
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "dataspace.dll"), "demo", "--data", data.FullName },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            // A wide console, so the scenario tables do not wrap the words the test looks for.
            start.Environment["COLUMNS"] = "240";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output + await error;

            Assert.True(process.ExitCode == 0, text);
            Assert.Contains("The regulator verified the hospital's ledger", text, StringComparison.Ordinal);
            Assert.Contains("pseudonyms only", text, StringComparison.Ordinal);
            Assert.Contains("Access report for patient bruno", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Some checks failed", text, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
