using Dataspace.Catalog.Offers;
using Dataspace.Connector.Tests.Catalog;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>An emergency cardiology dataset whose agreement allows two pulls, for the count constraint.</summary>
public static class FhirPullSeed
{
    /// <summary>The offer of the two-pull dataset.</summary>
    public static string TwoPullsOffer { get; } = OfferId.Create("emergency-two-pulls", "cardiology-emergency");

    private const string TwoPullsPolicy = """
        { "id": "treatment-two-pulls", "policy": {
            "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:policy:treatment-two-pulls",
            "permission": [{ "action": "use",
              "constraint": [{ "leftOperand": "purpose", "operator": "eq",
                               "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT" } },
                             { "leftOperand": "count", "operator": "lteq", "rightOperand": 2 }] }] } }
        """;

    private const string TwoPullsDefinition = """
        { "id": "emergency-two-pulls", "accessPolicyId": "hospitals-access", "contractPolicyId": "treatment-two-pulls",
          "assetSelector": [{ "property": "id", "operator": "=", "values": ["cardiology-emergency"] }] }
        """;

    /// <summary>Registers the dataset, its policy and its contract definition with the provider.</summary>
    public static async Task SeedAsync(ManagementClient provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        await provider.CreateAsync("assets", CatalogSeed.CardiologyAsset.Replace("\"cardiology-records\"", "\"cardiology-emergency\"", StringComparison.Ordinal));
        await provider.CreateAsync("policies", TwoPullsPolicy);
        await provider.CreateAsync("contractdefinitions", TwoPullsDefinition);
    }
}
