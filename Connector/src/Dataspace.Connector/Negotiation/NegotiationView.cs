using System.Text.Json.Nodes;

namespace Dataspace.Connector.Negotiation;

/// <summary>A negotiation as the management API shows it: state, both pids, offer, agreement and history.</summary>
public sealed record NegotiationView(
    string Id, string Role, string State, string CounterPartyDid, string? ProviderPid, string? ConsumerPid, string? AssetId,
    string? ContractDefinitionId, JsonObject? Offer, JsonObject? Agreement, IReadOnlyList<NegotiationEventView> History,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version)
{
    /// <summary>The view of <paramref name="n"/>.</summary>
    public static NegotiationView Of(ContractNegotiation n)
    {
        ArgumentNullException.ThrowIfNull(n);
        return new(n.Id, n.Role.ToString().ToLowerInvariant(), n.State.ToWire(), n.CounterPartyDid, n.ProviderPid, n.ConsumerPid, n.AssetId,
            n.ContractDefinitionId, n.Offer, n.Agreement,
            n.History.Select(e => new NegotiationEventView(e.At, e.Message, e.Direction, e.From?.ToWire(), e.To.ToWire(), e.Reason, e.Explanation)).ToList(),
            n.CreatedAt, n.UpdatedAt, n.Version);
    }
}

/// <summary>One history entry as the management API shows it.</summary>
public sealed record NegotiationEventView(DateTimeOffset At, string Message, string Direction, string? From, string To, string? Reason, string? Explanation);
