using System.Net;
using System.Text.Json;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Catalog;

/// <summary>The provider reuses each dataset's JSON between catalog requests; every write must still show at once.</summary>
public sealed class CatalogCacheTests(CatalogFederation federation) : IClassFixture<CatalogFederation>
{
    [Fact]
    public async Task Changing_a_policy_or_an_asset_shows_in_the_next_catalog()
    {
        Assert.Contains("HRESCH", await TrendsJsonAsync(), StringComparison.Ordinal);

        using var client = new ManagementClient(federation.Hospital);
        var publicHealth = CatalogSeed.ResearchOffer.Replace("#HRESCH", "#PUBHLTH", StringComparison.Ordinal);
        using (var updated = await client.PutAsync("policies/research-offer", publicHealth))
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var afterPolicy = await TrendsJsonAsync();
        Assert.Contains("PUBHLTH", afterPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("HRESCH", afterPolicy, StringComparison.Ordinal);

        var renamed = CatalogSeed.TrendsAsset.Replace("Pseudonymised heart-rate trends", "Renamed trends", StringComparison.Ordinal);
        using (var asset = await client.PutAsync("assets/wearable-trends", renamed))
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        Assert.Contains("Renamed trends", await TrendsJsonAsync(), StringComparison.Ordinal);
    }

    private async Task<string> TrendsJsonAsync()
    {
        using var response = await federation.Partner.Services.GetRequiredService<DspClient>().RequestCatalogAsync(federation.Hospital.Identity.Did);
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return catalog.RootElement.GetProperty("dataset").EnumerateArray().Single(d => d.GetProperty("@id").GetString() == "wearable-trends").GetRawText();
    }
}
