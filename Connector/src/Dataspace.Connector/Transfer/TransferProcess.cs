using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// A DSP transfer process as one side keeps it: its own id is its own pid, the counterparty's pid is learnt from the
/// first message or acknowledgement. <see cref="Version"/> guards every update (optimistic concurrency).
/// </summary>
public sealed class TransferProcess
{
    /// <summary>This side's pid (<c>urn:uuid:…</c>).</summary>
    public required string Id { get; init; }

    public required NegotiationRole Role { get; init; }

    /// <summary>The DID of the other side; only it may read or move this transfer.</summary>
    public required string CounterPartyDid { get; init; }

    public string? ProviderPid { get; set; }

    public string? ConsumerPid { get; set; }

    /// <summary>The finalized agreement the transfer runs under.</summary>
    public required string AgreementId { get; init; }

    /// <summary>The dataset the agreement covers.</summary>
    public string? AssetId { get; init; }

    /// <summary>The transfer type, e.g. <c>FHIR-PULL</c>.</summary>
    public required string Format { get; init; }

    public TransferState State { get; set; }

    /// <summary>Provider: SHA-256 of the live EDR token; null unless STARTED, so the token dies with every other state.</summary>
    public string? TokenHash { get; set; }

    /// <summary>Provider: when the live EDR token expires. Consumer: when the EDR stored by the latest refresh expires.</summary>
    public DateTimeOffset? TokenExpiresAt { get; set; }

    /// <summary>Provider: SHA-256 of the live refresh token; null unless STARTED, like <see cref="TokenHash"/>.</summary>
    public string? RefreshTokenHash { get; set; }

    /// <summary>Provider: hashes of the latest rotated-out refresh tokens, so a reused one is recognised (and revokes the live tokens).</summary>
    public List<string> SpentRefreshTokenHashes { get; init; } = [];

    /// <summary>Consumer: the <c>DataAddress</c> (EDR) of the latest start message; dropped when the transfer leaves STARTED.</summary>
    public JsonObject? DataAddress { get; set; }

    /// <summary>FHIR-PUSH: the consumer's receiver, its token (or the token's hash) and what to push; null for a pull.</summary>
    public PushTarget? Push { get; set; }

    public List<TransferEvent> History { get; init; } = [];

    /// <summary>Digests of processed inbound messages, for idempotent redelivery.</summary>
    public List<TransferReceipt> Received { get; init; } = [];

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

    /// <summary>Moves to <paramref name="to"/> and records why; leaving STARTED revokes the EDR on both sides.</summary>
    public void Transition(TransferState to, string message, string direction, DateTimeOffset at, string? reason = null)
    {
        History.Add(new TransferEvent(at, message, direction, History.Count == 0 ? null : State, to, reason));
        State = to;
        UpdatedAt = at;
        if (to != TransferState.Started)
        {
            TokenHash = null;
            TokenExpiresAt = null;
            RefreshTokenHash = null;
            DataAddress = null;
        }
        // A push's token must not outlive the transfer: the provider stops presenting it, the consumer stops accepting it.
        if (to.IsTerminal())
            Push = Push?.Spent();
    }

    /// <summary>Records an event that changes no state (a delivery failure after the end).</summary>
    public void Note(string message, DateTimeOffset at, string? reason = null)
    {
        History.Add(new TransferEvent(at, message, "local", State, State, reason));
        UpdatedAt = at;
    }
}
