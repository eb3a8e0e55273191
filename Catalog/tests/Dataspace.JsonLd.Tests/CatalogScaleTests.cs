using System.Diagnostics;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Dataspace.JsonLd.Tests;

/// <summary>A DSP catalog with 1,000 datasets through every operation: correctness at scale, with timings printed and a generous bound against quadratic regressions.</summary>
public sealed class CatalogScaleTests(ITestOutputHelper output)
{
    private const int DatasetCount = 1000;

    [Fact]
    public void Thousand_dataset_catalog_goes_through_every_operation()
    {
        var catalog = Catalog();
        var context = JsonNode.Parse("""{"@context": ["https://w3id.org/dspace/2025/1/context.jsonld"]}""");
        var total = Stopwatch.StartNew();

        var expanded = Timed("expand", () => JsonLdProcessor.Expand(catalog));
        var compacted = Timed("compact", () => JsonLdProcessor.Compact(expanded, context));
        var flattened = Timed("flatten", () => JsonLdProcessor.Flatten(catalog));
        var nquads = Timed("toRdf", () => JsonLdProcessor.ToRdf(catalog));

        Assert.Equal(DatasetCount, expanded[0]!["http://www.w3.org/ns/dcat#dataset"]!.AsArray().Count);
        Assert.Equal(DatasetCount, compacted["dataset"]!.AsArray().Count);
        Assert.True(flattened.AsArray().Count > DatasetCount);
        Assert.Equal(DatasetCount, nquads.Split('\n').Count(l => l.Contains("<http://www.w3.org/ns/dcat#Dataset>", StringComparison.Ordinal)));
        Assert.True(total.Elapsed < TimeSpan.FromSeconds(60), $"catalog processing took {total.Elapsed}");
    }

    private T Timed<T>(string name, Func<T> operation)
    {
        var watch = Stopwatch.StartNew();
        operation();
        var cold = watch.ElapsedMilliseconds;
        watch.Restart();
        var result = operation();
        output.WriteLine($"{name}: {cold} ms cold, {watch.ElapsedMilliseconds} ms warm");
        return result;
    }

    private static JsonObject Catalog()
    {
        var datasets = new JsonArray();
        for (var i = 0; i < DatasetCount; i++)
        {
            datasets.Add(JsonNode.Parse($$"""
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
                  "distribution": [{
                    "@type": "Distribution",
                    "format": "HttpData-PULL",
                    "accessService": "urn:uuid:service"
                  }]
                }
                """));
        }

        return new JsonObject
        {
            ["@context"] = new JsonArray("https://w3id.org/dspace/2025/1/context.jsonld"),
            ["@id"] = "urn:uuid:catalog",
            ["@type"] = "Catalog",
            ["participantId"] = "urn:example:DataProviderA",
            ["service"] = JsonNode.Parse("""[{"@id": "urn:uuid:service", "@type": "DataService", "endpointURL": "https://provider-a.com/connector"}]"""),
            ["dataset"] = datasets,
        };
    }
}
