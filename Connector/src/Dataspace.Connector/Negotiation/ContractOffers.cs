using System.Text;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Identity;
using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// The provider's checks on what a consumer asks for: the offer must be one the catalog shows that consumer, with the
/// same terms; the contract policy must permit one of the purposes the consumer is entitled to.
/// </summary>
public sealed class ContractOffers(ProviderCatalog catalog, CatalogStores stores, PolicyLibrary policies, Membership membership, TimeProvider time)
{
    private const string Use = "http://www.w3.org/ns/odrl/2/use";
    private static readonly string[] RuleKeys = ["permission", "prohibition", "obligation"];

    /// <summary>Finds <paramref name="offerId"/> in the catalog as <paramref name="consumerDid"/> sees it.</summary>
    public async Task<OfferCheck> FindAsync(string consumerDid, string offerId, CancellationToken cancellationToken)
    {
        if (!OfferId.TryParse(offerId, out var definitionId, out var assetId))
            return OfferCheck.Refused("the offer is not in the provider's catalog");
        var member = membership.Find(consumerDid);
        var caller = new VerifiedCaller(consumerDid, "", member?.Country, member?.Role);
        var visible = await catalog.VisibleAsync(caller, [new AssetCriterion("id", "=", [assetId])], cancellationToken);
        // An offer the consumer may not see and one that does not exist get the same answer.
        var offer = visible.SelectMany(d => d.Offers).FirstOrDefault(o => o["@id"]?.GetValue<string>() == offerId);
        if (offer is null)
            return OfferCheck.Refused("the offer is not in the provider's catalog");
        var withTarget = (JsonObject)offer.DeepClone();
        withTarget["target"] = assetId;
        return new OfferCheck(null, withTarget, assetId, definitionId);
    }

    /// <summary>Checks that <paramref name="requested"/> is a catalog offer for <paramref name="consumerDid"/> with unchanged terms.</summary>
    public async Task<OfferCheck> CheckAsync(string consumerDid, JsonObject requested, CancellationToken cancellationToken)
    {
        if (requested["@id"] is not JsonValue id || id.GetValueKind() != System.Text.Json.JsonValueKind.String)
            return OfferCheck.Refused("the offer has no @id");
        var found = await FindAsync(consumerDid, id.GetValue<string>(), cancellationToken);
        if (found.Problem is not null)
            return found;
        if (requested["target"] is { } target && (target.GetValueKind() != System.Text.Json.JsonValueKind.String || target.GetValue<string>() != found.AssetId))
            return OfferCheck.Refused("the offer's target is not the dataset it is offered for");
        foreach (var key in RuleKeys)
        {
            if (!JsonNode.DeepEquals(requested[key], found.CatalogOffer![key]))
                return OfferCheck.Refused("the offer's terms differ from the catalog's offer");
        }
        return found;
    }

    /// <summary>
    /// Evaluates the contract policy of <paramref name="contractDefinitionId"/> for <paramref name="consumerDid"/> once per
    /// purpose the consumer is entitled to; permitted when any purpose is.
    /// </summary>
    public async Task<PolicyVerdict> EvaluateAsync(string consumerDid, string contractDefinitionId, string assetId, CancellationToken cancellationToken)
    {
        var definition = await stores.ContractDefinitions.GetAsync(contractDefinitionId, cancellationToken);
        var policy = definition is null ? null : await policies.GetAsync(definition.ContractPolicyId, cancellationToken);
        if (policy is null)
            return new PolicyVerdict(false, "denied: the offer is no longer available", $"contract definition {contractDefinitionId} or its contract policy is gone");
        var member = membership.Find(consumerDid);
        IReadOnlyList<string?> purposes = member?.Purposes is { Count: > 0 } entitled ? entitled : new string?[] { null };
        var now = time.GetUtcNow();
        var explanation = new StringBuilder();
        string? firstReason = null;
        foreach (var purpose in purposes)
        {
            var decision = policy.Compiled.Evaluate(new PolicyRequest
            {
                Action = Use,
                Target = assetId,
                Participant = consumerDid,
                Country = member?.Country,
                Role = member?.Role,
                Purpose = purpose,
                Now = now,
            });
            explanation.Append("purpose ").Append(purpose ?? "(none entitled)").Append(": ").AppendLine(decision.ToFullExplanation());
            if (decision.IsPermitted)
                return new PolicyVerdict(true, decision.ToSafeReason(), explanation.ToString().TrimEnd());
            firstReason ??= decision.ToSafeReason();
        }
        return new PolicyVerdict(false, firstReason!, explanation.ToString().TrimEnd());
    }
}
