using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Catalog;

public sealed class DspCatalogTests(CatalogFederation federation) : IClassFixture<CatalogFederation>, IDisposable
{
    private readonly HttpClient _http = new();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_partner_hospital_sees_both_datasets_with_their_offers_and_the_catalog_validates()
    {
        using var catalog = await CatalogAsync(federation.Partner);
        Assert.Empty(DspSchemas.Validate("catalog/catalog-schema.json", catalog.RootElement));
        var datasets = catalog.RootElement.GetProperty("dataset").EnumerateArray().ToList();
        Assert.Equal(["cardiology-records", "wearable-trends"], datasets.Select(d => d.GetProperty("@id").GetString()));
        var offer = datasets[0].GetProperty("hasPolicy")[0];
        Assert.Equal("Offer", offer.GetProperty("@type").GetString());
        Assert.StartsWith("urn:dataspace:offer:", offer.GetProperty("@id").GetString(), StringComparison.Ordinal);
        Assert.False(offer.TryGetProperty("target", out _), "catalog offers carry no target");
    }

    [Fact]
    public async Task A_research_institute_does_not_see_the_dataset_restricted_to_hospitals()
    {
        using var catalog = await CatalogAsync(federation.Research);
        var ids = catalog.RootElement.GetProperty("dataset").EnumerateArray().Select(d => d.GetProperty("@id").GetString());
        Assert.Equal(["wearable-trends"], ids);
        using var direct = await SendAsync(federation.Research, HttpMethod.Get, "catalog/datasets/cardiology-records", null);
        Assert.Equal(HttpStatusCode.NotFound, direct.StatusCode);
    }

    [Fact]
    public async Task Offers_written_with_prefixes_or_with_the_odrl_context_come_out_in_the_same_dsp_form()
    {
        using var catalog = await CatalogAsync(federation.Partner);
        var datasets = catalog.RootElement.GetProperty("dataset").EnumerateArray().ToList();
        var treatment = datasets[0].GetProperty("hasPolicy")[0].GetProperty("permission")[0];
        var research = datasets[1].GetProperty("hasPolicy")[0].GetProperty("permission")[0];
        Assert.Equal("use", treatment.GetProperty("action").GetString());
        Assert.Equal("use", research.GetProperty("action").GetString());
        // The DSP ODRL profile defines no "purpose" term, so compaction keeps the odrl: prefix, for both source forms alike.
        Assert.Equal("odrl:purpose", treatment.GetProperty("constraint")[0].GetProperty("leftOperand").GetString());
        Assert.Equal("odrl:purpose", research.GetProperty("constraint")[0].GetProperty("leftOperand").GetString());
        Assert.Equal("eq", research.GetProperty("constraint")[0].GetProperty("operator").GetString());
        Assert.True(research.TryGetProperty("duty", out _));
    }

    [Fact]
    public async Task The_data_address_never_leaves_the_provider()
    {
        using var response = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request", CatalogRequest());
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Observation,Condition,Encounter", text, StringComparison.Ordinal);
        Assert.DoesNotContain("FhirStore", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dataset_is_served_by_id_with_its_context()
    {
        using var response = await SendAsync(federation.Partner, HttpMethod.Get, "catalog/datasets/cardiology-records", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var dataset = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(DspSchemas.Validate("catalog/dataset-schema.json", dataset.RootElement));
        Assert.Equal("Cardiology patient records", dataset.RootElement.GetProperty("dct:title").GetString());
    }

    [Fact]
    public async Task A_filter_narrows_the_catalog()
    {
        var request = CatalogRequest(new JsonArray(new JsonObject { ["operandLeft"] = "keyword", ["operator"] = "=", ["operandRight"] = "wearables" }));
        using var response = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request", request);
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["wearable-trends"], catalog.RootElement.GetProperty("dataset").EnumerateArray().Select(d => d.GetProperty("@id").GetString()));
    }

    [Theory]
    [InlineData("""[{"operandLeft":"colour","operator":"=","operandRight":"red"}]""")]
    [InlineData("""[{"operandLeft":"id","operator":"like","operandRight":"x%"}]""")]
    [InlineData("""[{"anything":"else"}]""")]
    [InlineData("""{"not":"an array"}""")]
    public async Task An_unsupported_filter_is_a_400_catalog_error(string filter)
    {
        using var response = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request", CatalogRequest(JsonNode.Parse(filter)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(DspSchemas.Validate("catalog/catalog-error-schema.json", error.RootElement));
    }

    [Fact]
    public async Task Pages_are_linked_with_link_headers()
    {
        using var first = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request?limit=1", CatalogRequest());
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains("offset=1&limit=1>; rel=\"next\"", link, StringComparison.Ordinal);
        using var page = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        Assert.Single(page.RootElement.GetProperty("dataset").EnumerateArray());

        using var second = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request?offset=1&limit=1", CatalogRequest());
        Assert.Contains("rel=\"previous\"", second.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"next\"", second.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=100000")]
    [InlineData("offset=-1")]
    [InlineData("limit=ten")]
    public async Task An_unacceptable_page_is_refused(string query)
    {
        using var response = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request?" + query, CatalogRequest());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_catalog_is_served_as_n_quads_on_request()
    {
        using var response = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request", CatalogRequest(), "application/n-quads");
        Assert.Equal("application/n-quads", response.Content.Headers.ContentType?.MediaType);
        var nquads = await response.Content.ReadAsStringAsync();
        // Relative dataset ids resolve against the document URL, as any JSON-LD processor reading the response would.
        var dataset = $"<{federation.Hospital.Identity.DspBaseUrl}/catalog/cardiology-records>";
        Assert.Contains($"{dataset} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/dcat#Dataset>", nquads, StringComparison.Ordinal);
        Assert.Contains("<http://purl.org/dc/terms/title> \"Cardiology patient records\"", nquads, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalog_is_served_as_turtle_on_request()
    {
        using var response = await SendAsync(federation.Partner, HttpMethod.Post, "catalog/request", CatalogRequest(), "text/turtle");
        Assert.Equal("text/turtle", response.Content.Headers.ContentType?.MediaType);
        var turtle = await response.Content.ReadAsStringAsync();
        Assert.Contains("@prefix dcat: <http://www.w3.org/ns/dcat#>", turtle, StringComparison.Ordinal);
        Assert.Contains($"<{federation.Hospital.Identity.DspBaseUrl}/catalog/cardiology-records>", turtle, StringComparison.Ordinal);
        Assert.Contains("a dcat:Dataset", turtle, StringComparison.Ordinal);
    }

    private static JsonObject CatalogRequest(JsonNode? filter = null)
    {
        var message = new JsonObject { ["@context"] = new JsonArray(DspPaths.Context), ["@type"] = "CatalogRequestMessage" };
        if (filter is not null)
            message["filter"] = filter;
        return message;
    }

    private async Task<JsonDocument> CatalogAsync(Dataspace.Connector.Hosting.RunningConnector consumer)
    {
        using var response = await SendAsync(consumer, HttpMethod.Post, "catalog/request", CatalogRequest());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(Dataspace.Connector.Hosting.RunningConnector consumer, HttpMethod method, string path, JsonNode? body, string? accept = null)
    {
        var tokens = consumer.Services.GetRequiredService<SelfIssuedTokens>();
        var hospital = federation.Hospital.Identity;
        using var request = new HttpRequestMessage(method, new Uri(hospital.DspBaseUrl + "/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(hospital.Did, TimeSpan.FromMinutes(1)));
        if (accept is not null)
            request.Headers.Accept.ParseAdd(accept);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _http.SendAsync(request);
    }
}
