using System.Net;
using System.Text.Json.Nodes;
using Dataspace.JsonLd.Loading;

namespace Dataspace.JsonLd.Tests;

/// <summary>Cyclic contexts, refused remote loads, the HTTP allowlist and processing limits.</summary>
public sealed class ContextSafetyTests
{
    private static JsonNode Document(string context) => JsonNode.Parse($$"""{"@context": "{{context}}", "@id": "http://example.org/a", "http://example.org/p": "v"}""")!;

    [Fact]
    public void Cyclic_remote_contexts_are_reported_as_recursive_context_inclusion()
    {
        var loader = new InMemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://contexts.example/a.jsonld"] = """{"@context": ["b.jsonld", {"a": "http://example.org/a"}]}""",
            ["https://contexts.example/b.jsonld"] = """{"@context": "a.jsonld"}""",
        });

        var error = Assert.Throws<JsonLdException>(() =>
            JsonLdProcessor.Expand(Document("https://contexts.example/a.jsonld"), new JsonLdOptions { DocumentLoader = loader }));

        Assert.Equal("recursive context inclusion", error.Code);
    }

    [Fact]
    public void The_same_context_used_twice_side_by_side_is_not_a_cycle()
    {
        var loader = new InMemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://contexts.example/a.jsonld"] = """{"@context": {"p": "http://example.org/p"}}""",
        });
        var document = JsonNode.Parse("""{"@context": ["https://contexts.example/a.jsonld", "https://contexts.example/a.jsonld"], "p": "v"}""");

        var expanded = JsonLdProcessor.Expand(document, new JsonLdOptions { DocumentLoader = loader });

        Assert.Equal("v", expanded[0]!["http://example.org/p"]![0]!["@value"]!.GetValue<string>());
        Assert.Single(loader.Requests);
    }

    [Fact]
    public void Remote_context_is_refused_by_the_default_offline_loader()
    {
        var error = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(Document("https://schema.org/")));

        Assert.Equal("loading remote context failed", error.Code);
    }

    [Fact]
    public void Remote_document_is_refused_by_the_default_offline_loader()
    {
        var error = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(new Uri("https://example.org/catalog.jsonld")));

        Assert.Equal("loading document failed", error.Code);
    }

    [Fact]
    public void Http_loader_never_sends_a_request_outside_its_allowlist()
    {
        using var handler = new StubHandler("""{"@context": {}}""");
        using var client = new HttpClient(handler);
        var loader = new AllowlistHttpDocumentLoader(["https://contexts.example/"], client, TimeSpan.FromSeconds(5), 1024);

        var error = Assert.Throws<JsonLdException>(() =>
            JsonLdProcessor.Expand(Document("https://elsewhere.example/ctx.jsonld"), new JsonLdOptions { DocumentLoader = loader }));

        Assert.Equal("loading remote context failed", error.Code);
        Assert.Equal(0, handler.Calls);
    }

    [Fact]
    public void Http_loader_fetches_allowlisted_contexts()
    {
        using var handler = new StubHandler("""{"@context": {"p": "http://example.org/p"}}""");
        using var client = new HttpClient(handler);
        var loader = new AllowlistHttpDocumentLoader(["https://contexts.example/"], client, TimeSpan.FromSeconds(5), 1024);
        var document = JsonNode.Parse("""{"@context": "https://contexts.example/ctx.jsonld", "p": "v"}""");

        var expanded = JsonLdProcessor.Expand(document, new JsonLdOptions { DocumentLoader = loader });

        Assert.Equal("v", expanded[0]!["http://example.org/p"]![0]!["@value"]!.GetValue<string>());
        Assert.Equal(1, handler.Calls);
    }

    [Fact]
    public void Http_loader_rejects_documents_over_its_size_limit()
    {
        using var handler = new StubHandler("""{"@context": {"p": "http://example.org/a-rather-long-property-iri"}}""");
        using var client = new HttpClient(handler);
        var loader = new AllowlistHttpDocumentLoader(["https://contexts.example/"], client, TimeSpan.FromSeconds(5), 16);

        var error = Assert.Throws<JsonLdException>(() =>
            JsonLdProcessor.Expand(Document("https://contexts.example/ctx.jsonld"), new JsonLdOptions { DocumentLoader = loader }));

        Assert.Equal("loading remote context failed", error.Code);
    }

    [Fact]
    public void Loaded_documents_over_the_size_limit_fail()
    {
        var loader = new InMemoryDocumentLoader(new Dictionary<string, string>
        {
            ["https://contexts.example/big.jsonld"] = """{"@context": {"p": "http://example.org/p"}}""",
        });
        var options = new JsonLdOptions { DocumentLoader = loader, Limits = new JsonLdLimits { MaxDocumentSize = 10 } };

        var error = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(Document("https://contexts.example/big.jsonld"), options));

        Assert.Equal("loading remote context failed", error.Code);
    }

    [Fact]
    public void Documents_nested_deeper_than_the_limit_fail()
    {
        var deep = new string('[', 300) + "1" + new string(']', 300);
        var input = JsonNode.Parse($$"""{"http://example.org/p": {{deep}}}""", documentOptions: new() { MaxDepth = 1000 });

        var error = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(input));

        Assert.Equal(JsonLdErrorCode.ProcessingLimitExceeded, error.Code);
    }

    [Fact]
    public void Remote_context_chains_longer_than_the_limit_fail()
    {
        var documents = Enumerable.Range(0, 6).ToDictionary(
            i => $"https://contexts.example/{i}.jsonld",
            i => i < 5 ? $$"""{"@context": "{{i + 1}}.jsonld"}""" : """{"@context": {}}""");
        var options = new JsonLdOptions { DocumentLoader = new InMemoryDocumentLoader(documents), Limits = new JsonLdLimits { MaxContextDepth = 3 } };

        var error = Assert.Throws<JsonLdException>(() => JsonLdProcessor.Expand(Document("https://contexts.example/0.jsonld"), options));

        Assert.Equal("context overflow", error.Code);
    }

    [Fact]
    public void Prefix_mapping_loader_serves_files_and_refuses_paths_outside_its_folder()
    {
        var folder = Directory.CreateTempSubdirectory("jsonld-map-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "ctx.jsonld"), """{"@context": {"p": "http://example.org/p"}}""");
            var loader = new PrefixMappingDocumentLoader([PrefixMappingDocumentLoader.ParseMapping($"https://contexts.example/={folder}")]);

            Assert.Equal("https://contexts.example/ctx.jsonld", loader.LoadDocument("https://contexts.example/ctx.jsonld").DocumentUrl);
            var error = Assert.Throws<JsonLdException>(() => loader.LoadDocument("https://contexts.example/../secret.json"));
            Assert.Equal("loading document failed", error.Code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Bundled_loader_serves_the_dsp_odrl_and_vc_contexts()
    {
        foreach (var url in new[]
        {
            "https://w3id.org/dspace/2025/1/context.jsonld",
            "https://w3id.org/dspace/2025/1/odrl-profile.jsonld",
            "http://www.w3.org/ns/odrl.jsonld",
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/2018/credentials/v1",
        })
        {
            var expanded = JsonLdProcessor.Expand(Document(url));
            Assert.Single(expanded);
        }
    }

    private sealed class StubHandler(string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/ld+json"),
            };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
