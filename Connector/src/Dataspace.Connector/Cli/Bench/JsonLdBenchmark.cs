using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.JsonLd;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>jsonld</c>: expansion and compaction with Dataspace.JsonLd against jsonld.js on the same documents and contexts in the same run.</summary>
public sealed class JsonLdBenchmark : IBenchmark
{
    /// <inheritdoc />
    public string Name => "jsonld";

    /// <inheritdoc />
    public string Description =>
        $"JSON-LD expansion and compaction (Dataspace.JsonLd) of a generated {JsonLdBenchmarkDocuments.CatalogDatasets:N0}-dataset DSP 2025-1 catalog, a VC 2.0 credential and a Gaia-X participant "
        + "presentation, each compacted with its own @context; baseline: jsonld.js (npm `jsonld`) on Node with the same documents and offline contexts, in the same run.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var folder = Path.Combine(Path.GetTempPath(), "dataspace-bench-jsonld-" + Guid.NewGuid().ToString("n"));
        try
        {
            var documents = JsonLdBenchmarkDocuments.Write(folder, context.RepositoryRoot, context);
            // One context cache for every call, as the connector keeps one; jsonld.js likewise keeps its resolved contexts across calls.
            var options = new JsonLdOptions { DocumentLoader = documents.Loader, ContextCache = new JsonLdContextCache() };
            var ours = new List<(string Name, string Path, Measurement Expand, Measurement Compact, int Quads)>();
            foreach (var (name, path) in documents.Documents)
            {
                using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(path, cancellationToken));
                var document = json.RootElement;
                var compactContext = new JsonObject { ["@context"] = JsonNode.Parse(document.GetProperty("@context").GetRawText()) };
                var quads = JsonLdProcessor.ToRdfDataset(document, options).Quads.Count;
                context.Progress($"{name}: expand");
                var expand = Measurement.Run(() => JsonLdProcessor.Expand(document, options), context.Plan);
                context.Progress($"{name}: compact");
                var compact = Measurement.Run(() => JsonLdProcessor.Compact(document, compactContext, options), context.Plan);
                ours.Add((name, path, expand, compact, quads));
            }

            var baseline = await JsonLdJsBaseline.RunAsync(context, documents, cancellationToken);
            var rows = new List<BenchmarkRow>();
            foreach (var (name, path, expand, compact, quads) in ours)
            {
                var theirs = baseline?.ByFile.GetValueOrDefault(path);
                if (theirs is not null && theirs.Quads != quads)
                {
                    context.Note($"{name}: Dataspace.JsonLd yields {quads} quads, jsonld.js {theirs.Quads}; the processors disagree on this document.");
                }

                rows.Add(new BenchmarkRow($"{name} expand", expand, baseline?.Label, theirs?.Expand));
                rows.Add(new BenchmarkRow($"{name} compact", compact, baseline?.Label, theirs?.Compact));
            }

            if (baseline is not null && ours.All(o => baseline.Value.ByFile.GetValueOrDefault(o.Path)?.Quads == o.Quads))
            {
                context.Note($"Both processors produce the same number of RDF quads per document ({string.Join(", ", ours.Select(o => $"{o.Name}: {o.Quads.ToString(CultureInfo.InvariantCulture)}"))}), a check that they did the same work.");
            }

            context.Note("Input is parsed JSON on both sides (System.Text.Json JsonElement; a JavaScript object), so parsing is not timed; our result is built as a JsonNode tree.");
            return rows;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
