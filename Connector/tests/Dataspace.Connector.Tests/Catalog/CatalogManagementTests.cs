using System.Net;
using System.Text.Json;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Catalog;

public sealed class CatalogManagementTests(CatalogFederation federation) : IClassFixture<CatalogFederation>
{
    [Fact]
    public async Task An_asset_is_read_back_as_stored_by_an_operator_and_without_its_data_address_by_a_regulator()
    {
        using var operatorClient = new ManagementClient(federation.Hospital);
        using var asOperator = await operatorClient.GetAsync("assets/cardiology-records");
        Assert.Contains("Observation,Condition,Encounter", await asOperator.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var regulatorClient = new ManagementClient(federation.Hospital, TestConnectors.RegulatorKey);
        using var asRegulator = await regulatorClient.GetAsync("assets/cardiology-records");
        Assert.Equal(HttpStatusCode.OK, asRegulator.StatusCode);
        var text = await asRegulator.Content.ReadAsStringAsync();
        Assert.DoesNotContain("dataAddress", text, StringComparison.Ordinal);
        Assert.Contains("Cardiology patient records", text, StringComparison.Ordinal);
        using var list = await regulatorClient.GetAsync("assets");
        Assert.DoesNotContain("Observation,Condition,Encounter", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_asset_is_refused_with_every_problem_and_nothing_is_stored()
    {
        using var client = new ManagementClient(federation.Hospital);
        var invalid = CatalogSeed.TrendsAsset.Replace("\"wearable-trends\"", "\"broken-asset\"", StringComparison.Ordinal)
            .Replace("\"RESTRICTED\"", "\"OPEN\"", StringComparison.Ordinal).Replace("[\"LU\", \"DE\"]", "[\"Luxembourg\"]", StringComparison.Ordinal);
        using var response = await client.PostAsync("assets", invalid);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToList();
        Assert.Contains("description/accessRights", fields);
        Assert.Contains("description/countries", fields);
        using var lookup = await client.GetAsync("assets/broken-asset");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Fact]
    public async Task A_FHIR_store_address_the_data_plane_cannot_honour_is_refused_and_nothing_is_stored()
    {
        using var client = new ManagementClient(federation.Hospital);
        var invalid = CatalogSeed.CardiologyAsset.Replace("\"cardiology-records\"", "\"tagged-records\"", StringComparison.Ordinal)
            .Replace("""{ "type": "FhirStore", "properties": { "compartment": "Patient", "resourceTypes": "Observation,Condition,Encounter,Consent" } }""",
                """{ "type": "FhirStore", "properties": { "tag": "cardiology", "resourceTypes": "Observation,Blob" } }""", StringComparison.Ordinal);
        using var response = await client.PostAsync("assets", invalid);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var messages = problem.RootElement.GetProperty("errors").EnumerateArray()
            .Where(e => e.GetProperty("field").GetString() == "dataAddress/properties").Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.Contains("properties.tag is not", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'Blob'", StringComparison.Ordinal));
        using var lookup = await client.GetAsync("assets/tagged-records");
        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"x","description":{"title":"t","description":"d"},"dataAddress":{"type":"FhirStore","properties":{}},"colour":"red"}""")]
    [InlineData("""{"id":"x","dataAddress":{"type":"FhirStore","properties":{}}}""")]
    [InlineData("""{"id":"x","description":{"title":"t","description":"d","numberOfRecords":"many"},"dataAddress":{"type":"a","properties":{}}}""")]
    public async Task Unknown_missing_or_mistyped_fields_are_a_400(string body)
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.PostAsync("assets", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_duplicate_id_is_a_conflict()
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.PostAsync("assets", CatalogSeed.CardiologyAsset);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"id":"p1","policy":{"@context":"https://example.org/remote-context.jsonld","@type":"Set"}}""", "loading remote context failed")]
    [InlineData("""{"id":"p2","policy":{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"Set","uid":"urn:p2","permission":[{"constraint":[]}]}}""", "action")]
    [InlineData("""{"id":"p3","policy":{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"Set","uid":"urn:p3","permission":[{"action":"use","constraint":[{"leftOperand":"purpose","operator":"sameAs","rightOperand":"x"}]}]}}""", "operator")]
    [InlineData("""{"id":"p4","policy":{"name":"not JSON-LD ODRL"}}""", "exactly one ODRL policy")]
    [InlineData("""{"id":"has space","policy":{"@context":"http://www.w3.org/ns/odrl.jsonld","@type":"Set","uid":"urn:p5","permission":[{"action":"use"}]}}""", "id")]
    public async Task A_malformed_policy_is_refused_with_the_reason(string body, string expected)
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.PostAsync("policies", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_policy_in_use_cannot_be_deleted()
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.DeleteAsync("policies/treatment-offer");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("cardiology-for-hospitals", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contract_definition_must_name_existing_policies_and_usable_criteria()
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.PostAsync("contractdefinitions",
            """{"id":"bad","accessPolicyId":"nope","contractPolicyId":"treatment-offer","assetSelector":[{"property":"colour","operator":"=","values":["red"]}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("accessPolicyId", text, StringComparison.Ordinal);
        Assert.Contains("assetSelector/0", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regulator_cannot_change_the_catalog()
    {
        using var client = new ManagementClient(federation.Hospital, TestConnectors.RegulatorKey);
        using var response = await client.DeleteAsync("assets/wearable-trends");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_asset_can_be_replaced_and_removed()
    {
        using var client = new ManagementClient(federation.Hospital);
        var asset = CatalogSeed.TrendsAsset.Replace("\"wearable-trends\"", "\"temporary\"", StringComparison.Ordinal);
        await client.CreateAsync("assets", asset);
        using (var updated = await client.PutAsync("assets/temporary", asset.Replace("Daily aggregates", "Hourly aggregates", StringComparison.Ordinal)))
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        using (var read = await client.GetAsync("assets/temporary"))
            Assert.Contains("Hourly aggregates", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var mismatch = await client.PutAsync("assets/other-id", asset))
            Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        using (var deleted = await client.DeleteAsync("assets/temporary"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var gone = await client.DeleteAsync("assets/temporary"))
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }
}
