using Spectre.Console;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>Prints one benchmark's rows as a console table: our p50/p90/p99/mean and rate, the baseline's p50 and the ratio.</summary>
public static class BenchmarkTable
{
    /// <summary>Writes the table for <paramref name="benchmark"/>.</summary>
    public static void Write(IAnsiConsole console, IBenchmark benchmark, IReadOnlyList<BenchmarkRow> rows)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]{Markup.Escape(benchmark.Name)}[/] — ms per operation")
            .AddColumn("case")
            .AddColumn(new TableColumn("p50").RightAligned())
            .AddColumn(new TableColumn("p90").RightAligned())
            .AddColumn(new TableColumn("p99").RightAligned())
            .AddColumn(new TableColumn("mean").RightAligned())
            .AddColumn(new TableColumn("ops/s").RightAligned())
            .AddColumn("baseline")
            .AddColumn(new TableColumn("baseline p50").RightAligned())
            .AddColumn(new TableColumn("baseline / ours").RightAligned());
        foreach (var row in rows)
        {
            var ratio = BenchmarkFormat.Ratio(row.Ratio);
            table.AddRow(
                Markup.Escape(row.Case),
                BenchmarkFormat.Milliseconds(row.Ours.P50Ms),
                BenchmarkFormat.Milliseconds(row.Ours.P90Ms),
                BenchmarkFormat.Milliseconds(row.Ours.P99Ms),
                BenchmarkFormat.Milliseconds(row.Ours.MeanMs),
                BenchmarkFormat.Rate(row.Ours.OperationsPerSecond),
                Markup.Escape(row.BaselineName ?? "—"),
                row.Baseline is null ? "—" : BenchmarkFormat.Milliseconds(row.Baseline.P50Ms),
                row.Ratio is null ? ratio : row.Ratio >= 1 ? $"[green]{ratio}[/]" : $"[red]{ratio}[/]");
        }

        console.Write(table);
    }
}
