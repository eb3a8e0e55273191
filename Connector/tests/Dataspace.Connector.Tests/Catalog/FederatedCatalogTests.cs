using System.Net;
using System.Text.Json;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Catalog;

public sealed class FederatedCatalogTests(CatalogFederation federation) : IClassFixture<CatalogFederation>
{
    [Fact]
    public async Task A_crawl_fetches_every_reachable_member_and_reports_the_one_that_is_down()
    {
        using var client = new ManagementClient(federation.Research);
        using var response = await client.PostAsync("federated-catalog/crawl", "{}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var outcomes = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var byPeer = outcomes.RootElement.EnumerateArray().ToDictionary(o => o.GetProperty("participantDid").GetString()!);
        Assert.True(byPeer[federation.Hospital.Identity.Did].GetProperty("succeeded").GetBoolean());
        Assert.Equal(1, byPeer[federation.Hospital.Identity.Did].GetProperty("datasetCount").GetInt32());
        Assert.False(byPeer[federation.DownMember].GetProperty("succeeded").GetBoolean());

        using var peers = await client.GetAsync("federated-catalog/peers");
        Assert.Contains(federation.DownMember, await peers.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_research_institute_discovers_the_trend_dataset_but_not_the_restricted_one()
    {
        using var client = new ManagementClient(federation.Research);
        using (await client.PostAsync("federated-catalog/crawl", "{}")) { }
        using var found = await QueryAsync(client, "q=wearable");
        Assert.Equal(1, found.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("wearable-trends", found.RootElement.GetProperty("hits")[0].GetProperty("datasetId").GetString());
        using var hidden = await QueryAsync(client, "q=cardio");
        Assert.Equal(0, hidden.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_partner_hospital_searches_by_facets()
    {
        using var client = new ManagementClient(federation.Partner);
        using (await client.PostAsync("federated-catalog/crawl", "{}")) { }
        using var treatment = await QueryAsync(client, "purpose=http%3A%2F%2Fterminology.hl7.org%2FCodeSystem%2Fv3-ActReason%23TREAT");
        Assert.Equal(["cardiology-records"], treatment.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("datasetId").GetString()));
        using var germany = await QueryAsync(client, "country=DE");
        Assert.Equal(["wearable-trends"], germany.RootElement.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("datasetId").GetString()));
        using var all = await QueryAsync(client, "");
        var facets = all.RootElement.GetProperty("facets");
        Assert.Equal(1, facets.GetProperty("healthCategory").GetProperty("EHR").GetInt32());
        Assert.Equal(2, facets.GetProperty("publisher").GetProperty("https://www.hopitauxschuman.lu").GetInt32());
    }

    [Fact]
    public async Task A_single_peer_catalog_can_be_requested_through_the_management_api()
    {
        using var client = new ManagementClient(federation.Partner);
        using var response = await client.PostAsync("catalog/request", $$"""{"counterPartyDid":"{{federation.Hospital.Identity.Did}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(2, catalog.RootElement.GetProperty("dataset").GetArrayLength());

        using var stranger = await client.PostAsync("catalog/request", """{"counterPartyDid":"did:web:stranger.example"}""");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        using var down = await client.PostAsync("catalog/request", $$"""{"counterPartyDid":"{{federation.DownMember}}"}""");
        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=5000")]
    [InlineData("offset=x")]
    public async Task Bad_query_paging_is_a_400(string query)
    {
        using var client = new ManagementClient(federation.Partner);
        using var response = await client.GetAsync("federated-catalog?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<JsonDocument> QueryAsync(ManagementClient client, string query)
    {
        using var response = await client.GetAsync("federated-catalog?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
