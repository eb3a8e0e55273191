using System.Text.Json.Nodes;

namespace Dataspace.Connector.Negotiation;

/// <summary>What the provider made of an offer a consumer asked for.</summary>
/// <param name="Problem">Why the offer cannot be negotiated, safe to tell the consumer; null when it matches.</param>
/// <param name="CatalogOffer">The catalog's offer with the dataset as <c>target</c>.</param>
/// <param name="AssetId">The dataset.</param>
/// <param name="ContractDefinitionId">The contract definition behind the offer.</param>
public sealed record OfferCheck(string? Problem, JsonObject? CatalogOffer, string? AssetId, string? ContractDefinitionId)
{
    /// <summary>The offer cannot be negotiated.</summary>
    public static OfferCheck Refused(string problem) => new(problem, null, null, null);
}
