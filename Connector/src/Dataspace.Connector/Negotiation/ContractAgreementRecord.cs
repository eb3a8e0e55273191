using System.Text.Json.Nodes;

namespace Dataspace.Connector.Negotiation;

/// <summary>A concluded agreement (its negotiation reached FINALIZED), as stored and listed.</summary>
/// <param name="Id">The agreement's <c>@id</c>.</param>
/// <param name="NegotiationId">This side's negotiation.</param>
/// <param name="Role">Whether this connector provides or consumes under it.</param>
/// <param name="CounterPartyDid">The other party.</param>
/// <param name="AssetId">The dataset it covers.</param>
/// <param name="ConcludedAt">When the negotiation was finalized.</param>
/// <param name="Agreement">The ODRL agreement with every rule.</param>
public sealed record ContractAgreementRecord(
    string Id, string NegotiationId, NegotiationRole Role, string CounterPartyDid, string AssetId, DateTimeOffset ConcludedAt, JsonObject Agreement);
