using Dataspace.Catalog.Offers;
using Dataspace.Connector.Tests.Catalog;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>The hospital's catalog for negotiation tests: the catalog tests' seed plus the wearable trends offered under the treatment policy to every member.</summary>
public static class NegotiationSeed
{
    /// <summary>Cardiology records for hospitals, treatment only.</summary>
    public static string CardiologyOffer { get; } = OfferId.Create("cardiology-for-hospitals", "cardiology-records");

    /// <summary>Wearable trends for research with a pseudonymisation duty.</summary>
    public static string ResearchOffer { get; } = OfferId.Create("trends-for-members", "wearable-trends");

    /// <summary>Wearable trends visible to every member, but for treatment only.</summary>
    public static string TreatmentTrendsOffer { get; } = OfferId.Create("trends-for-treatment", "wearable-trends");

    private const string TrendsForTreatment = """
        { "id": "trends-for-treatment", "accessPolicyId": "members-access", "contractPolicyId": "treatment-offer",
          "assetSelector": [{ "property": "id", "operator": "=", "values": ["wearable-trends"] }] }
        """;

    /// <summary>Registers the assets, policies and contract definitions with the provider.</summary>
    public static async Task SeedAsync(ManagementClient provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        await provider.CreateAsync("assets", CatalogSeed.CardiologyAsset);
        await provider.CreateAsync("assets", CatalogSeed.TrendsAsset);
        foreach (var policy in new[] { CatalogSeed.MembersAccess, CatalogSeed.HospitalsAccess, CatalogSeed.TreatmentOffer, CatalogSeed.ResearchOffer })
            await provider.CreateAsync("policies", policy);
        await provider.CreateAsync("contractdefinitions", CatalogSeed.CardiologyForHospitals);
        await provider.CreateAsync("contractdefinitions", CatalogSeed.TrendsForMembers);
        await provider.CreateAsync("contractdefinitions", TrendsForTreatment);
    }
}
