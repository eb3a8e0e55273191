using System.Text.Json.Nodes;
using Dataspace.Connector.Cli;
using Dataspace.Connector.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dataspace.Connector.Tests.Cli;

/// <summary><c>dataspace jsonld</c>: outputs, offline loading, --map and --allow-remote, and the exit code contract (0 ok, 1 JSON-LD error with its code, 2 usage or IO).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class JsonLdCommandTests : IDisposable
{
    private const string Catalog = """
        {
          "@context": "https://w3id.org/dspace/2025/1/context.jsonld",
          "@id": "urn:uuid:catalog",
          "@type": "Catalog",
          "participantId": "urn:example:hospital",
          "dataset": [{
            "@id": "urn:uuid:dataset-1",
            "@type": "Dataset",
            "hasPolicy": [{ "@id": "urn:uuid:offer-1", "@type": "Offer", "permission": [{ "action": "use" }] }]
          }]
        }
        """;

    private readonly string _folder = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Expand_prints_expanded_json_using_the_bundled_dsp_context_offline()
    {
        var run = await CliRun.InvokeAsync("jsonld", "expand", Write("catalog.jsonld", Catalog));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        var expanded = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal("http://www.w3.org/ns/dcat#Catalog", expanded[0]!["@type"]![0]!.GetValue<string>());
        Assert.Equal("urn:uuid:dataset-1", expanded[0]!["http://www.w3.org/ns/dcat#dataset"]![0]!["@id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Compact_uses_the_context_file_and_the_compaction_flags()
    {
        var input = Write("catalog.jsonld", Catalog);
        var context = Write("context.jsonld", """{ "@context": { "dcat": "http://www.w3.org/ns/dcat#", "dataset": { "@id": "dcat:dataset" } } }""");

        var compacted = JsonNode.Parse((await CliRun.InvokeAsync("jsonld", "compact", input, "--context", context)).Out)!;
        var withArrays = JsonNode.Parse((await CliRun.InvokeAsync("jsonld", "compact", input, "--context", context, "--compact-arrays", "false")).Out)!;

        Assert.Equal("dcat:Catalog", compacted["@type"]!.GetValue<string>());
        Assert.IsType<JsonObject>(compacted["dataset"]);
        // With compactArrays false even the top-level node stays in an array, under @graph.
        Assert.IsType<JsonArray>(withArrays["@graph"]![0]!["dataset"]);
    }

    [Fact]
    public async Task Base_makes_relative_iris_absolute_and_compact_to_relative_false_keeps_them_absolute()
    {
        var input = Write("relative.jsonld", """{ "@id": "dataset/1", "http://purl.org/dc/terms/title": "Vitals" }""");
        var context = Write("empty.jsonld", "{}");

        var expanded = await CliRun.InvokeAsync("jsonld", "expand", input, "--base", "https://hospital.example/catalog/");
        var relative = await CliRun.InvokeAsync("jsonld", "compact", input, "--context", context, "--base", "https://hospital.example/catalog/");
        var absolute = await CliRun.InvokeAsync("jsonld", "compact", input, "--context", context, "--base", "https://hospital.example/catalog/", "--compact-to-relative", "false");

        Assert.Equal("https://hospital.example/catalog/dataset/1", JsonNode.Parse(expanded.Out)![0]!["@id"]!.GetValue<string>());
        Assert.Equal("dataset/1", JsonNode.Parse(relative.Out)!["@id"]!.GetValue<string>());
        Assert.Equal("https://hospital.example/catalog/dataset/1", JsonNode.Parse(absolute.Out)!["@id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Flatten_without_context_prints_a_node_array_and_with_context_a_graph()
    {
        var input = Write("catalog.jsonld", Catalog);
        var context = Write("context.jsonld", """{ "@context": "https://w3id.org/dspace/2025/1/context.jsonld" }""");

        var flat = JsonNode.Parse((await CliRun.InvokeAsync("jsonld", "flatten", input)).Out)!;
        var compacted = JsonNode.Parse((await CliRun.InvokeAsync("jsonld", "flatten", input, "--context", context)).Out)!;

        Assert.True(flat.AsArray().Count >= 3);
        Assert.True(compacted["@graph"]!.AsArray().Count >= 3);
    }

    [Fact]
    public async Task To_rdf_prints_nquads_by_default_and_turtle_on_request()
    {
        var input = Write("catalog.jsonld", Catalog);

        var nquads = await CliRun.InvokeAsync("jsonld", "to-rdf", input);
        var turtle = await CliRun.InvokeAsync("jsonld", "to-rdf", input, "--output-format", "turtle");

        Assert.Equal(0, nquads.ExitCode);
        Assert.Contains("<urn:uuid:catalog> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Catalog> .", nquads.Out, StringComparison.Ordinal);
        Assert.Equal(0, turtle.ExitCode);
        Assert.StartsWith("@prefix ", turtle.Out, StringComparison.Ordinal);
        Assert.Contains("<urn:uuid:catalog> a dcat:Catalog ;", turtle.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task To_rdf_honours_rdf_direction_and_generalized_rdf_which_turtle_refuses()
    {
        var directional = Write("dir.jsonld", """{ "@id": "urn:x", "http://example.org/label": { "@value": "مرحبا", "@language": "ar", "@direction": "rtl" } }""");
        var generalized = Write("gen.jsonld", """{ "@context": { "@vocab": "_:" }, "@id": "urn:x", "p": "v" }""");

        var i18n = await CliRun.InvokeAsync("jsonld", "to-rdf", directional, "--rdf-direction", "i18n-datatype");
        var kept = await CliRun.InvokeAsync("jsonld", "to-rdf", generalized, "--produce-generalized-rdf");
        var dropped = await CliRun.InvokeAsync("jsonld", "to-rdf", generalized);
        var asTurtle = await CliRun.InvokeAsync("jsonld", "to-rdf", generalized, "--produce-generalized-rdf", "--output-format", "turtle");

        Assert.Contains("^^<https://www.w3.org/ns/i18n#ar_rtl>", i18n.Out, StringComparison.Ordinal);
        Assert.Matches("^<urn:x> _:b[0-9]+ \"v\" \\.\n$", kept.Out);
        Assert.Equal(string.Empty, dropped.Out);
        Assert.Equal(JsonLdCommand.UsageError, asTurtle.ExitCode);
        Assert.Contains("generalized RDF", asTurtle.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Processing_mode_and_expand_context_reach_the_processor()
    {
        var input = Write("scoped.jsonld", """{ "@context": { "@version": 1.1, "name": "http://schema.org/name" }, "name": "x" }""");
        var plain = Write("plain.jsonld", """{ "title": "Vitals" }""");
        var expandContext = Write("expand-context.jsonld", """{ "@context": { "title": "http://purl.org/dc/terms/title" } }""");

        var jsonLd10 = await CliRun.InvokeAsync("jsonld", "expand", input, "--processing-mode", "json-ld-1.0");
        var withContext = await CliRun.InvokeAsync("jsonld", "expand", plain, "--expand-context", expandContext);

        Assert.Equal(JsonLdCommand.JsonLdError, jsonLd10.ExitCode);
        Assert.StartsWith("jsonld: processing mode conflict: ", jsonLd10.Error, StringComparison.Ordinal);
        Assert.Equal("Vitals", JsonNode.Parse(withContext.Out)![0]!["http://purl.org/dc/terms/title"]![0]!["@value"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_json_ld_error_exits_1_with_its_code_on_stderr_and_nothing_on_stdout()
    {
        var run = await CliRun.InvokeAsync("jsonld", "expand", Write("bad.jsonld", """{ "@id": 42, "http://example.org/p": "v" }"""));

        Assert.Equal(JsonLdCommand.JsonLdError, run.ExitCode);
        Assert.StartsWith("jsonld: invalid @id value: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    [Fact]
    public async Task Contexts_are_never_fetched_unless_mapped_or_allowed()
    {
        var input = Write("remote.jsonld", """{ "@context": "https://contexts.example/health/v1.jsonld", "name": "x" }""");
        Directory.CreateDirectory(Path.Combine(_folder, "contexts", "health"));
        Write(Path.Combine("contexts", "health", "v1.jsonld"), """{ "@context": { "name": "http://schema.org/name" } }""");

        var offline = await CliRun.InvokeAsync("jsonld", "expand", input);
        var mapped = await CliRun.InvokeAsync("jsonld", "expand", input, "--map", "https://contexts.example/=" + Path.Combine(_folder, "contexts"));

        Assert.Equal(JsonLdCommand.JsonLdError, offline.ExitCode);
        Assert.StartsWith("jsonld: loading remote context failed: ", offline.Error, StringComparison.Ordinal);
        Assert.Equal(0, mapped.ExitCode);
        Assert.Contains("http://schema.org/name", mapped.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allow_remote_fetches_contexts_under_the_prefix_only()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Port 0: the OS picks a free port and Kestrel reports the bound address.
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapGet("/contexts/health.jsonld", () => Results.Text("""{ "@context": { "name": "http://schema.org/name" } }""", "application/ld+json"));
        await app.StartAsync();
        var url = app.Urls.Single();
        var input = Write("remote.jsonld", $$"""{ "@context": "{{url}}/contexts/health.jsonld", "name": "x" }""");

        var allowed = await CliRun.InvokeAsync("jsonld", "expand", input, "--allow-remote", url + "/contexts/");
        var elsewhere = await CliRun.InvokeAsync("jsonld", "expand", input, "--allow-remote", url + "/other/");

        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("http://schema.org/name", allowed.Out, StringComparison.Ordinal);
        Assert.Equal(JsonLdCommand.JsonLdError, elsewhere.ExitCode);
        Assert.Contains("not in the network allowlist", elsewhere.Error, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task Invalid_json_input_is_a_loading_document_failed_error()
    {
        var run = await CliRun.InvokeAsync("jsonld", "expand", Write("broken.jsonld", "{ \"@id\": "));

        Assert.Equal(JsonLdCommand.JsonLdError, run.ExitCode);
        Assert.StartsWith("jsonld: loading document failed: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jsonld")]
    [InlineData("jsonld", "expand")]
    [InlineData("jsonld", "expand", "{missing}")]
    [InlineData("jsonld", "expand", "{input}", "--processing-mode", "json-ld-2.0")]
    [InlineData("jsonld", "expand", "{input}", "--no-such-flag")]
    [InlineData("jsonld", "compact", "{input}", "--context", "{missing}")]
    [InlineData("jsonld", "to-rdf", "{input}", "--output-format", "rdfxml")]
    [InlineData("jsonld", "expand", "{input}", "--map", "no-equals-sign")]
    [InlineData("jsonld", "expand", "{input}", "--map", "https://x.example/={missing}")]
    [InlineData("jsonld", "expand", "{input}", "--allow-remote", "https://w3id.org")]
    [InlineData("jsonld", "expand", "{input}", "--allow-remote", "ftp://w3id.org/")]
    public async Task Usage_and_file_errors_exit_2_with_a_hint(params string[] template)
    {
        var input = Write("ok.jsonld", """{ "http://example.org/p": "v" }""");
        var args = template.Select(a => a.Replace("{input}", input, StringComparison.Ordinal).Replace("{missing}", Path.Combine(_folder, "missing"), StringComparison.Ordinal)).ToArray();

        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(JsonLdCommand.UsageError, run.ExitCode);
        Assert.StartsWith("dataspace jsonld", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Out);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
