using System.Net;
using System.Text.Json;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Catalog;

public sealed class PolicyLintApiTests(CatalogFederation federation) : IClassFixture<CatalogFederation>
{
    [Fact]
    public async Task A_stored_treatment_offer_on_personal_health_data_is_clean()
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.GetAsync("policies/treatment-offer/lint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(report.RootElement.GetProperty("clean").GetBoolean());
    }

    [Fact]
    public async Task A_draft_research_offer_on_phi_without_pseudonymisation_is_an_error()
    {
        using var client = new ManagementClient(federation.Hospital);
        using var response = await client.PostAsync("policies/lint", """
            { "appliesToPhi": true, "policy": {
                "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:draft:research",
                "permission": [{ "action": "use", "constraint": [{ "leftOperand": "purpose", "operator": "eq",
                  "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#HRESCH" } }] }] } }
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(report.RootElement.GetProperty("clean").GetBoolean());
        Assert.Contains(report.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("severity").GetString() == "error");
    }

    [Fact]
    public async Task A_draft_that_is_not_odrl_is_a_400_and_an_unknown_policy_a_404()
    {
        using var client = new ManagementClient(federation.Hospital);
        using (var bad = await client.PostAsync("policies/lint", """{ "policy": { "name": "nope" } }"""))
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var missing = await client.GetAsync("policies/nope/lint");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
