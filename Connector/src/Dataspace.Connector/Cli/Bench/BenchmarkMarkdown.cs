using System.Globalization;
using System.Text;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>Writes a benchmark's results as a "## name" section of docs/benchmarks.md, replacing the previous section of that name or appending a new one.</summary>
public static class BenchmarkMarkdown
{
    /// <summary>The text a new benchmarks file starts with.</summary>
    public const string Introduction = """
        # Benchmarks

        Measured figures. Each section below is written by `dataspace bench --markdown docs/benchmarks.md` together with the
        command line, the machine and the date; rerunning a benchmark replaces its section. Every baseline is measured in the
        same run on the same machine, so the ratio carries over between machines even where absolute times do not.

        ```bash
        dotnet run -c Release --project Connector/src/Dataspace.Connector -- bench --markdown docs/benchmarks.md
        dotnet run -c Release --project Connector/src/Dataspace.Connector -- bench jsonld      # one benchmark, table only
        dotnet run -c Release --project Connector/src/Dataspace.Connector -- bench --quick     # smoke run, indicative figures
        ```

        How it measures: warm-up first (a number of runs and a minimum time, so the JIT and V8 optimise and caches fill),
        then timed samples; an operation faster than the minimum sample time is repeated within a sample and the sample's
        time divided by the repetitions. p50/p90/p99 (nearest rank) and the mean are per operation; ops/s is at the mean;
        "baseline / ours" is the baseline's p50 over ours (above 1: we are faster). The machine line gives the load average
        when the run started: on a busy machine absolute times and tails (p90, p99) suffer first, so read the p50 ratio.
        Benchmarks never run inside `dotnet test`. To add one, add a public class implementing `IBenchmark` in
        `Connector/src/Dataspace.Connector/Cli/Bench/`; `dataspace bench` finds it by reflection.

        """;

    /// <summary>The section for one benchmark run; <paramref name="commandLine"/> is Markdown (the command in backticks and the build).</summary>
    public static string Section(IBenchmark benchmark, IReadOnlyList<BenchmarkRow> rows, IReadOnlyList<string> notes, string commandLine, MachineInfo machine, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(notes);
        var text = new StringBuilder();
        text.Append("## ").Append(benchmark.Name).Append("\n\n");
        text.Append(benchmark.Description).Append("\n\n");
        text.Append("- Command: ").Append(commandLine).Append('\n');
        text.Append("- Machine: ").Append(machine).Append('\n');
        text.Append("- Date: ").Append(date.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)).Append(" UTC\n\n");
        text.Append("| case | p50 ms | p90 ms | p99 ms | mean ms | ops/s | baseline | baseline p50 ms | baseline / ours |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
        foreach (var row in rows)
        {
            text.Append("| ").Append(row.Case)
                .Append(" | ").Append(BenchmarkFormat.Milliseconds(row.Ours.P50Ms))
                .Append(" | ").Append(BenchmarkFormat.Milliseconds(row.Ours.P90Ms))
                .Append(" | ").Append(BenchmarkFormat.Milliseconds(row.Ours.P99Ms))
                .Append(" | ").Append(BenchmarkFormat.Milliseconds(row.Ours.MeanMs))
                .Append(" | ").Append(BenchmarkFormat.Rate(row.Ours.OperationsPerSecond))
                .Append(" | ").Append(row.BaselineName ?? "—")
                .Append(" | ").Append(row.Baseline is null ? "—" : BenchmarkFormat.Milliseconds(row.Baseline.P50Ms))
                .Append(" | ").Append(BenchmarkFormat.Ratio(row.Ratio)).Append(" |\n");
        }

        if (notes.Count > 0)
        {
            text.Append('\n');
            foreach (var note in notes)
            {
                text.Append("- ").Append(note).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Replaces the "## name" section of <paramref name="document"/> (up to the next "## " heading) with <paramref name="section"/>, or appends it.</summary>
    public static string Upsert(string? document, string name, string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var lines = (string.IsNullOrEmpty(document) ? Introduction : document).Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var heading = "## " + name;
        var start = lines.FindIndex(line => line.TrimEnd() == heading);
        var sectionLines = section.TrimEnd('\n').Split('\n').Append(string.Empty).ToList();
        if (start < 0)
        {
            while (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            lines.Add(string.Empty);
            lines.AddRange(sectionLines);
        }
        else
        {
            var end = lines.FindIndex(start + 1, line => line.StartsWith("## ", StringComparison.Ordinal));
            lines.RemoveRange(start, (end < 0 ? lines.Count : end) - start);
            lines.InsertRange(start, sectionLines);
        }

        return string.Join('\n', lines).TrimEnd('\n') + "\n";
    }
}
