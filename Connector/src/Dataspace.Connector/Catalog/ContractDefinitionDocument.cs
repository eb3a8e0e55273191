using Dataspace.Catalog.Offers;

namespace Dataspace.Connector.Catalog;

/// <summary>A contract definition as the management API exchanges it.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="AccessPolicyId">Policy deciding who sees the offers.</param>
/// <param name="ContractPolicyId">Policy offered for negotiation.</param>
/// <param name="AssetSelector">Criteria combined with AND; empty selects every asset.</param>
public sealed record ContractDefinitionDocument(string Id, string AccessPolicyId, string ContractPolicyId, IReadOnlyList<AssetCriterion> AssetSelector)
{
    /// <summary>The library form.</summary>
    public ContractDefinition ToDefinition() => new(Id, AccessPolicyId, ContractPolicyId, new AssetSelector(AssetSelector));
}
