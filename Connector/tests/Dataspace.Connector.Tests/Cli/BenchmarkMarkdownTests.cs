using Dataspace.Connector.Cli.Bench;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>docs/benchmarks.md upkeep: a new file gets the introduction, a rerun replaces only its own section.</summary>
public sealed class BenchmarkMarkdownTests
{
    private static readonly MachineInfo Machine = new(2, "Test CPU", "4.0 GiB RAM", "Linux", ".NET 10.0.0", "0.42");

    [Fact]
    public void A_section_holds_the_command_the_machine_the_date_the_table_and_the_notes()
    {
        var rows = new[] { new BenchmarkRow("doc expand", Measurement.FromSamples([1.5, 2.5]), "jsonld.js 9.0.0", Measurement.FromSamples([15.0])) };

        var section = BenchmarkMarkdown.Section(new FakeBenchmark("jsonld"), rows, ["a note"], "`dataspace bench jsonld` (Release build)", Machine, new DateTimeOffset(2026, 11, 30, 7, 5, 0, TimeSpan.Zero));

        Assert.StartsWith("## jsonld\n\nfake benchmark jsonld\n\n", section, StringComparison.Ordinal);
        Assert.Contains("- Command: `dataspace bench jsonld` (Release build)\n", section, StringComparison.Ordinal);
        Assert.Contains("- Machine: 2 cores (nproc), Test CPU, 4.0 GiB RAM, Linux, .NET 10.0.0; load average 0.42 at start\n", section, StringComparison.Ordinal);
        Assert.Contains("- Date: 2026-11-30 07:05 UTC\n", section, StringComparison.Ordinal);
        Assert.Contains("| doc expand | 1.50 | 2.50 | 2.50 | 2.00 | 500 | jsonld.js 9.0.0 | 15.00 | 10.00× |\n", section, StringComparison.Ordinal);
        Assert.EndsWith("\n- a note\n", section, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_document_starts_with_the_introduction()
    {
        var document = BenchmarkMarkdown.Upsert(null, "a", "## a\n\nfirst\n");

        Assert.StartsWith("# Benchmarks\n", document, StringComparison.Ordinal);
        Assert.Contains("dotnet run -c Release --project Connector/src/Dataspace.Connector -- bench", document, StringComparison.Ordinal);
        Assert.EndsWith("\n\n## a\n\nfirst\n", document, StringComparison.Ordinal);
    }

    [Fact]
    public void Rerunning_a_benchmark_replaces_its_section_and_keeps_the_others()
    {
        var document = BenchmarkMarkdown.Upsert(null, "a", "## a\n\nfirst a\n");
        document = BenchmarkMarkdown.Upsert(document, "b", "## b\n\nfirst b\n");

        document = BenchmarkMarkdown.Upsert(document, "a", "## a\n\nsecond a\n");

        Assert.DoesNotContain("first a", document, StringComparison.Ordinal);
        Assert.Contains("## a\n\nsecond a\n\n## b\n\nfirst b\n", document, StringComparison.Ordinal);
        Assert.Equal(1, document.Split("## a\n").Length - 1);
    }

    private sealed class FakeBenchmark(string name) : IBenchmark
    {
        public string Name => name;

        public string Description => "fake benchmark " + name;

        public Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BenchmarkRow>>([]);
    }
}
