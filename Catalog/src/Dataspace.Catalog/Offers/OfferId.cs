using System.Text;

namespace Dataspace.Catalog.Offers;

/// <summary>
/// Offer identifiers derived from the contract definition and the asset, so an offer id found in a negotiation request
/// names exactly which definition and asset it came from (and can be checked against the current catalog).
/// </summary>
public static class OfferId
{
    private const string Prefix = "urn:dataspace:offer:";

    /// <summary>The offer id of <paramref name="assetId"/> under <paramref name="contractDefinitionId"/>.</summary>
    public static string Create(string contractDefinitionId, string assetId) =>
        Prefix + Encode(contractDefinitionId) + ":" + Encode(assetId);

    /// <summary>Splits an offer id back into its contract definition and asset ids.</summary>
    public static bool TryParse(string offerId, out string contractDefinitionId, out string assetId)
    {
        contractDefinitionId = assetId = "";
        if (offerId is null || !offerId.StartsWith(Prefix, StringComparison.Ordinal))
            return false;
        var parts = offerId[Prefix.Length..].Split(':');
        if (parts.Length != 2)
            return false;
        try
        {
            contractDefinitionId = Decode(parts[0]);
            assetId = Decode(parts[1]);
            return contractDefinitionId.Length > 0 && assetId.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Encode(string value) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static string Decode(string value) => Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(value));
}
