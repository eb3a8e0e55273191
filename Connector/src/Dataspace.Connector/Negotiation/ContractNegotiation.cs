using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// A DSP contract negotiation as one side keeps it: its own id is its own pid, the counterparty's pid is learnt from the
/// first message or acknowledgement. <see cref="Version"/> guards every update (optimistic concurrency).
/// </summary>
public sealed class ContractNegotiation
{
    /// <summary>This side's pid (<c>urn:uuid:…</c>).</summary>
    public required string Id { get; init; }

    public required NegotiationRole Role { get; init; }

    /// <summary>The DID of the other side; only it may read or move this negotiation.</summary>
    public required string CounterPartyDid { get; init; }

    public string? ProviderPid { get; set; }

    public string? ConsumerPid { get; set; }

    public NegotiationState State { get; set; }

    /// <summary>The offer under negotiation, DSP compact form with <c>@id</c> and <c>target</c>.</summary>
    public JsonObject? Offer { get; set; }

    /// <summary>The ODRL agreement once the provider sent one.</summary>
    public JsonObject? Agreement { get; set; }

    /// <summary>The dataset (asset) the offer targets.</summary>
    public string? AssetId { get; set; }

    /// <summary>The provider's contract definition the offer came from (provider side only).</summary>
    public string? ContractDefinitionId { get; set; }

    public List<NegotiationEvent> History { get; init; } = [];

    /// <summary>Digests of processed inbound messages, for idempotent redelivery.</summary>
    public List<ReceivedMessage> Received { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The stored version this instance was read at; kept in its own column, not in the document.</summary>
    [JsonIgnore]
    public long Version { get; set; }

    /// <summary>The counterparty's pid, when known.</summary>
    [JsonIgnore]
    public string? CounterPid
    {
        get => Role == NegotiationRole.Provider ? ConsumerPid : ProviderPid;
        set
        {
            if (Role == NegotiationRole.Provider)
                ConsumerPid = value;
            else
                ProviderPid = value;
        }
    }

    /// <summary>Moves to <paramref name="to"/> and records why.</summary>
    public void Transition(NegotiationState to, string message, string direction, DateTimeOffset at, string? reason = null, string? explanation = null)
    {
        History.Add(new NegotiationEvent(at, message, direction, History.Count == 0 ? null : State, to, reason, explanation));
        State = to;
        UpdatedAt = at;
    }

    /// <summary>Records an event that changes no state (a refused policy check for the operator, a delivery failure).</summary>
    public void Note(string message, DateTimeOffset at, string? reason = null, string? explanation = null)
    {
        History.Add(new NegotiationEvent(at, message, "local", State, State, reason, explanation));
        UpdatedAt = at;
    }
}
