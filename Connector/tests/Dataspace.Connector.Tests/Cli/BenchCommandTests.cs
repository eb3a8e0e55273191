namespace Dataspace.Connector.Tests.Cli;

/// <summary><c>dataspace bench</c> argument handling; nothing here measures (benchmarks never run inside dotnet test).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class BenchCommandTests
{
    [Fact]
    public async Task An_unknown_benchmark_name_exits_2_and_lists_the_available_ones()
    {
        var run = await CliRun.InvokeAsync("bench", "no-such-benchmark");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown benchmark no-such-benchmark", run.Error, StringComparison.Ordinal);
        Assert.Matches("available: .*jsonld", run.Error);
    }

    [Fact]
    public async Task Help_names_every_benchmark()
    {
        var run = await CliRun.InvokeAsync("bench", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Available:", run.Out, StringComparison.Ordinal);
        Assert.Contains("jsonld", run.Out, StringComparison.Ordinal);
        Assert.Contains("--markdown", run.Out, StringComparison.Ordinal);
    }
}
