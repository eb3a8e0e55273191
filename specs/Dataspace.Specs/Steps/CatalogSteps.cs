using System.Net;
using Dataspace.Catalog.Federation;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Protocol;
using Dataspace.Specs.Support;
using Microsoft.Extensions.DependencyInjection;
using TechTalk.SpecFlow;
using Xunit;

namespace Dataspace.Specs.Steps;

[Binding]
public sealed class CatalogSteps(Federation federation)
{
    private const string OperatorKey = "spec-operator-key-0123456789";
    private CatalogQueryResult? _result;

    [Given(@"^the hospital ""([^""]*)"", the partner hospital ""([^""]*)"" and the research institute ""([^""]*)"" run connectors on loopback$")]
    public async Task GivenThreeParticipants(string hospital, string partner, string research)
    {
        var hospitalOptions = Federation.Options(hospital, "LU", null);
        var partnerOptions = Federation.Options(partner, "DE", null);
        var researchOptions = Federation.Options(research, "LU", null);
        MemberOptions Member(ConnectorOptions o, string role) => new() { Did = Federation.Did(o), Country = o.Participant.Country, Role = role };
        hospitalOptions.Members = [Member(partnerOptions, "hospital"), Member(researchOptions, "research")];
        partnerOptions.Members = [Member(hospitalOptions, "hospital"), Member(researchOptions, "research")];
        researchOptions.Members = [Member(hospitalOptions, "hospital"), Member(partnerOptions, "hospital")];
        foreach (var options in new[] { hospitalOptions, partnerOptions, researchOptions })
        {
            options.Catalog.CrawlInterval = TimeSpan.Zero;
            options.Management.ApiKeys = [new ApiKeyOptions { Key = OperatorKey, Role = ManagementRoles.Operator }];
            await federation.StartAsync(options);
        }
    }

    [Given(@"^""([^""]*)"" publishes the example catalog$")]
    public async Task GivenThePublishedCatalog(string hospital)
    {
        var seed = Path.Combine(AppContext.BaseDirectory, "config", "catalog", "hrs.json");
        var (assets, _, definitions) = await CatalogImport.ImportAsync(seed, federation[hospital].Identity.PublicUrl, OperatorKey);
        Assert.True(assets > 0 && definitions > 0);
    }

    [When(@"^""([^""]*)"" crawls the federated catalog$")]
    public async Task WhenCrawling(string member)
    {
        var outcomes = await federation[member].Services.GetRequiredService<FederatedCatalog>().CrawlAsync();
        Assert.All(outcomes, o => Assert.True(o.Succeeded, o.Error));
    }

    [When(@"^""([^""]*)"" searches the federated catalog for ""([^""]*)""$")]
    public async Task WhenSearching(string member, string text) =>
        _result = (await IndexAsync(member)).Query(new CatalogQuery { Text = text });

    [Then(@"^it finds ""([^""]*)"" of ""([^""]*)""$")]
    public void ThenItFinds(string dataset, string provider)
    {
        var hit = Assert.Single(_result!.Hits);
        Assert.Equal((dataset, federation[provider].Identity.Did), (hit.DatasetId, hit.ParticipantDid));
    }

    [Then(@"^the hit's offer permits the purpose ""([^""]*)""$")]
    public void ThenThePurpose(string purpose) =>
        Assert.Contains(_result!.Hits[0].Purposes, p => p.EndsWith("#" + purpose, StringComparison.Ordinal));

    [Then(@"^the hit names the health category ""([^""]*)"" and the country ""([^""]*)""$")]
    public void ThenTheFacets(string category, string country)
    {
        Assert.Contains(category, _result!.Hits[0].HealthCategories);
        Assert.Contains(country, _result.Hits[0].Countries);
    }

    [Then(@"^""([^""]*)"" does not find ""([^""]*)"" in the federated catalog$")]
    public async Task ThenNotFound(string member, string dataset) =>
        Assert.DoesNotContain((await IndexAsync(member)).Query(new CatalogQuery { Limit = 1000 }).Hits, h => h.DatasetId == dataset);

    [Then(@"^""([^""]*)"" finds ""([^""]*)"" in the federated catalog$")]
    public async Task ThenFound(string member, string dataset) =>
        Assert.Contains((await IndexAsync(member)).Query(new CatalogQuery { Limit = 1000 }).Hits, h => h.DatasetId == dataset);

    [Then(@"^""([^""]*)"" answers ""([^""]*)"" that dataset ""([^""]*)"" does not exist$")]
    public async Task ThenInvisibleById(string provider, string member, string dataset)
    {
        using var response = await federation[member].Services.GetRequiredService<DspClient>()
            .SendAsync(federation[provider].Identity.Did, HttpMethod.Get, "catalog/datasets/" + dataset, null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<FederatedCatalogIndex> IndexAsync(string member) =>
        federation[member].Services.GetRequiredService<FederatedCatalog>().IndexAsync();
}
