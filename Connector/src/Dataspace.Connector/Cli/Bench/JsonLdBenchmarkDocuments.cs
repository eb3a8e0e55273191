using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.JsonLd;
using Dataspace.JsonLd.Loading;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>The documents <see cref="JsonLdBenchmark"/> measures, written to a work folder together with every context they use, so jsonld.js reads the very same bytes.</summary>
public sealed class JsonLdBenchmarkDocuments
{
    /// <summary>Datasets in the generated catalog.</summary>
    public const int CatalogDatasets = 1000;

    private const string GaiaXTrustFramework = "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#";

    private JsonLdBenchmarkDocuments(IReadOnlyList<(string Name, string Path)> documents, string contextsMap, IDocumentLoader loader)
    {
        Documents = documents;
        ContextsMap = contextsMap;
        Loader = loader;
    }

    /// <summary>Name and file of each document.</summary>
    public IReadOnlyList<(string Name, string Path)> Documents { get; }

    /// <summary>A JSON file mapping each context URL to a local file (for bench.mjs).</summary>
    public string ContextsMap { get; }

    /// <summary>Serves the same contexts to our processor: the bundled ones and those from the shared test data.</summary>
    public IDocumentLoader Loader { get; }

    /// <summary>Writes the documents and contexts into <paramref name="folder"/>; credentials from the shared test data are left out (with a note) when it is missing.</summary>
    public static JsonLdBenchmarkDocuments Write(string folder, string? repositoryRoot, BenchmarkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Directory.CreateDirectory(folder);
        var documents = new List<(string Name, string Path)>();
        var contextFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var url in BundledContextLoader.Urls)
        {
            var path = Path.Combine(folder, "context-" + contextFiles.Count + ".jsonld");
            File.WriteAllBytes(path, BundledContextLoader.Instance.LoadDocument(url).Content.ToArray());
            contextFiles[url] = path;
        }

        var catalog = Path.Combine(folder, "catalog-1000.jsonld");
        File.WriteAllText(catalog, Catalog(CatalogDatasets).ToJsonString());
        documents.Add(("catalog-1000", catalog));

        var vc = repositoryRoot is null ? null : Path.GetFullPath(Path.Combine(repositoryRoot, "..", "shared", "testdata", "vc"));
        if (vc is not null && Directory.Exists(vc))
        {
            // A VC 2.0 credential that needs only bundled contexts (credentials v2 and examples v2), with language maps and @direction.
            documents.Add(("vc2-credential", Path.Combine(vc, "vcdm-2.0-rec-examples", "006-use-of-the-name-and-description-properties-0.json")));
            // A Gaia-X participant presentation: credentials v1 and JWS 2020 (bundled) plus the Gaia-X trust framework context from the test data.
            documents.Add(("gaia-x-participant-vp", Path.Combine(vc, "gaia-x-compliance-fixtures", "src", "tests", "fixtures", "participant-vp.json")));
            contextFiles[GaiaXTrustFramework] = Path.Combine(vc, "gaia-x-compliance-fixtures", "src", "contexts", "trustframework_context.json");
        }
        else
        {
            context.Note($"shared test data not found beside the repository ({vc ?? "no repository"}): only the generated catalog is measured.");
        }

        var contextsMap = Path.Combine(folder, "contexts.json");
        File.WriteAllText(contextsMap, JsonSerializer.Serialize(contextFiles));
        var extra = contextFiles.Where(c => !BundledContextLoader.Urls.Contains(c.Key)).ToDictionary(c => c.Key, c => File.ReadAllBytes(c.Value), StringComparer.Ordinal);
        return new JsonLdBenchmarkDocuments(documents, contextsMap, new ChainedDocumentLoader(BundledContextLoader.Instance, new FileContextLoader(extra)));
    }

    /// <summary>A DSP 2025-1 catalog with <paramref name="datasets"/> datasets, each with an offer and a distribution (the shape of a connector's catalog response).</summary>
    public static JsonObject Catalog(int datasets)
    {
        var items = new JsonArray();
        for (var i = 0; i < datasets; i++)
        {
            items.Add(JsonNode.Parse($$"""
                {
                  "@id": "urn:uuid:dataset-{{i}}",
                  "@type": "Dataset",
                  "hasPolicy": [{
                    "@id": "urn:uuid:offer-{{i}}",
                    "@type": "Offer",
                    "permission": [{
                      "action": "use",
                      "constraint": [{ "leftOperand": "spatial", "operator": "eq", "rightOperand": "http://example.org/EU" }]
                    }]
                  }],
                  "distribution": [{ "@type": "Distribution", "format": "HttpData-PULL", "accessService": "urn:uuid:service" }]
                }
                """));
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray("https://w3id.org/dspace/2025/1/context.jsonld"),
            ["@id"] = "urn:uuid:catalog",
            ["@type"] = "Catalog",
            ["participantId"] = "urn:example:DataProviderA",
            ["service"] = JsonNode.Parse("""[{ "@id": "urn:uuid:service", "@type": "DataService", "endpointURL": "https://provider-a.example/connector" }]"""),
            ["dataset"] = items,
        };
    }

    /// <summary>Serves context documents read from files, by URL (with or without a trailing fragment).</summary>
    private sealed class FileContextLoader(Dictionary<string, byte[]> documents) : IDocumentLoader
    {
        public RemoteDocument LoadDocument(string url) =>
            documents.TryGetValue(url, out var content) || documents.TryGetValue(url + "#", out content) || documents.TryGetValue(url.Split('#')[0], out content)
                ? new RemoteDocument(url, content)
                : throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"'{url}' is not among the benchmark's contexts");
    }
}
