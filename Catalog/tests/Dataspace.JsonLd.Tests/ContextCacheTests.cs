using System.Text.Json.Nodes;
using Dataspace.JsonLd.Tests.Conformance;

namespace Dataspace.JsonLd.Tests;

/// <summary>A JsonLdContextCache shared between calls and threads: contexts are loaded once and results do not change.</summary>
public sealed class ContextCacheTests
{
    private const string Message = """
        {
          "@context": ["https://w3id.org/dspace/2025/1/context.jsonld"],
          "@type": "ContractRequestMessage",
          "providerPid": "urn:uuid:a",
          "consumerPid": "urn:uuid:b",
          "offer": {"@type": "Offer", "@id": "urn:uuid:c", "target": "urn:uuid:d", "permission": [{"action": "use"}]}
        }
        """;

    [Fact]
    public void A_shared_cache_loads_each_remote_context_once_across_calls()
    {
        var loader = new InMemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://contexts.example/ctx.jsonld"] = """{"@context": {"p": "http://example.org/p", "T": {"@id": "http://example.org/T", "@context": {"q": "http://example.org/q"}}}}""",
        });
        var options = new JsonLdOptions { DocumentLoader = loader, ContextCache = new JsonLdContextCache() };
        var document = JsonNode.Parse("""{"@context": "https://contexts.example/ctx.jsonld", "@type": "T", "p": "v", "q": "w"}""");

        var first = JsonLdProcessor.Expand(document, options);
        var second = JsonLdProcessor.Expand(document, options);

        Assert.Single(loader.Requests);
        Assert.True(JsonLdComparison.AreEquivalent(first, second));
        Assert.Equal("w", second[0]!["http://example.org/q"]![0]!["@value"]!.GetValue<string>());
    }

    [Fact]
    public void Inline_contexts_are_not_kept_in_the_shared_cache()
    {
        var cache = new JsonLdContextCache();
        var options = new JsonLdOptions { ContextCache = cache };

        for (var i = 0; i < 20; i++)
        {
            JsonLdProcessor.Expand(JsonNode.Parse($$"""{"@context": {"p{{i}}": "http://example.org/p"}, "p{{i}}": "v"}"""), options);
        }

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Parallel_calls_sharing_a_cache_produce_the_same_results_as_uncached_calls()
    {
        var expected = JsonLdProcessor.Compact(JsonLdProcessor.Expand(JsonNode.Parse(Message)), JsonNode.Parse("""{"@context": "https://w3id.org/dspace/2025/1/context.jsonld"}"""));
        var options = new JsonLdOptions { ContextCache = new JsonLdContextCache() };
        var results = new JsonObject[64];

        Parallel.For(0, results.Length, i =>
        {
            var expanded = JsonLdProcessor.Expand(JsonNode.Parse(Message), options);
            results[i] = JsonLdProcessor.Compact(expanded, JsonNode.Parse("""{"@context": "https://w3id.org/dspace/2025/1/context.jsonld"}"""), options);
        });

        Assert.All(results, r => Assert.True(JsonLdComparison.AreEquivalent(expected, r), r.ToJsonString()));
    }
}
