namespace Dataspace.Catalog.Offers;

/// <summary>Binds assets to policies: who may see them (access policy) and on what terms they are offered (contract policy).</summary>
/// <param name="Id">Stable identifier; part of every offer id derived from it.</param>
/// <param name="AccessPolicyId">Policy deciding whether a requester sees the offers at all.</param>
/// <param name="ContractPolicyId">Policy whose rules become the offer.</param>
/// <param name="AssetSelector">Which assets the definition covers.</param>
public sealed record ContractDefinition(string Id, string AccessPolicyId, string ContractPolicyId, AssetSelector AssetSelector);
