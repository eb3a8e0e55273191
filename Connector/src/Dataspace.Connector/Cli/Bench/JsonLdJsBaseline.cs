using System.Globalization;
using System.Text.Json.Nodes;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>jsonld.js on Node, driven through Catalog/bench/jsonld-js/bench.mjs: installs it with npm when needed and reads back its timings.</summary>
public static class JsonLdJsBaseline
{
    /// <summary>jsonld.js figures for one file.</summary>
    public sealed record Result(Measurement Expand, Measurement Compact, int Quads);

    /// <summary>Runs the baseline on <paramref name="documents"/>; returns the version label and results by file, or null (with a note saying why) when Node, npm or the script is unavailable.</summary>
    public static async Task<(string Label, IReadOnlyDictionary<string, Result> ByFile)?> RunAsync(BenchmarkContext context, JsonLdBenchmarkDocuments documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(documents);
        var folder = context.RepositoryRoot is null ? null : Path.Combine(context.RepositoryRoot, "Catalog", "bench", "jsonld-js");
        if (folder is null || !File.Exists(Path.Combine(folder, "bench.mjs")))
        {
            context.Note("Catalog/bench/jsonld-js/bench.mjs not found (run from the repository): jsonld.js baseline skipped, only our figures are reported.");
            return null;
        }

        if (!Directory.Exists(Path.Combine(folder, "node_modules", "jsonld")))
        {
            context.Progress("npm install --no-audit --no-fund (jsonld.js, once)");
            var install = await ProcessRunner.RunAsync("npm", ["install", "--no-audit", "--no-fund"], folder, cancellationToken);
            if (install is not { ExitCode: 0 })
            {
                context.Note(install is null
                    ? "npm is not installed: jsonld.js baseline skipped, only our figures are reported."
                    : $"npm install failed (exit {install.ExitCode}): {Tail(install.Error)}; jsonld.js baseline skipped.");
                return null;
            }
        }

        context.Progress("jsonld.js on Node (same documents, same contexts, offline)");
        var plan = context.Plan;
        string[] arguments =
        [
            "bench.mjs",
            "--contexts", documents.ContextsMap,
            "--warmup", plan.Warmup.ToString(CultureInfo.InvariantCulture),
            "--min-warmup-ms", plan.MinWarmupTime.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            "--samples", plan.Samples.ToString(CultureInfo.InvariantCulture),
            "--min-sample-ms", plan.MinSampleTime.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
            .. documents.Documents.Select(d => d.Path),
        ];
        var run = await ProcessRunner.RunAsync("node", arguments, folder, cancellationToken);
        if (run is not { ExitCode: 0 })
        {
            context.Note(run is null
                ? "node is not installed: jsonld.js baseline skipped, only our figures are reported."
                : $"node bench.mjs failed (exit {run.ExitCode}): {Tail(run.Error)}; jsonld.js baseline skipped.");
            return null;
        }

        var output = JsonNode.Parse(run.Output)!;
        var label = $"jsonld.js {output["jsonld"]}";
        context.Note($"Baseline: {label} on Node {output["node"]}, with a document loader serving the same context files from memory (jsonld.js asks it on every call; its resolved-context cache still applies).");
        var byFile = output["results"]!.AsArray().ToDictionary(
            r => r!["file"]!.GetValue<string>(),
            r => new Result(Read(r!["expand"]!), Read(r["compact"]!), r["quads"]!.GetValue<int>()),
            StringComparer.Ordinal);
        return (label, byFile);
    }

    private static Measurement Read(JsonNode measurement) => Measurement.FromSamples(
        measurement["samples"]!.AsArray().Select(s => s!.GetValue<double>()),
        measurement["operationsPerSample"]!.GetValue<int>());

    private static string Tail(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 400 ? trimmed : "…" + trimmed[^400..];
    }
}
