using Dataspace.ConsentLedger.Pseudonymisation;
using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Transfer;

/// <summary>The agreement's answer to one data-plane request: granted (with the purpose and duties that apply) or refused with a safe reason.</summary>
public sealed record ReleaseGrant
{
    /// <summary>True when data may be released.</summary>
    public bool IsGranted => Agreement is not null;

    /// <summary>The agreement in force (null when refused).</summary>
    public ContractAgreementRecord? Agreement { get; private init; }

    /// <summary>The consumer's DID.</summary>
    public string ConsumerDid { get; private init; } = "";

    /// <summary>The v3 ActReason code of the purpose the agreement admitted (empty when it names none).</summary>
    public string Purpose { get; private init; } = "";

    /// <summary>The pseudonymiser the agreement's duty asks for, or null.</summary>
    public Pseudonymiser? Pseudonymiser { get; private init; }

    /// <summary>The time of the decision, used for consent periods and the ledger entry.</summary>
    public DateTimeOffset At { get; private init; }

    /// <summary>True when the consumer declared break-glass and was admitted: consent is decided by the break-glass rule and the access logged as such.</summary>
    public bool BreakGlass { get; private init; }

    /// <summary>The reason code the consumer declared with break-glass (a short code, never free text), or null.</summary>
    public string? BreakGlassReason { get; private init; }

    /// <summary>The asset's code and category restrictions, added to every search this grant releases (see <see cref="AssetScope"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ScopeFilters { get; init; } = [];

    /// <summary>A machine code for the refusal (<c>no_agreement</c>, <c>usage_denied</c>, <c>break_glass_denied</c>, <c>profile_unavailable</c>).</summary>
    public string? Error { get; private init; }

    /// <summary>A reason safe to tell the consumer.</summary>
    public string? Reason { get; private init; }

    /// <summary>A grant.</summary>
    public static ReleaseGrant Granted(ContractAgreementRecord agreement, string consumerDid, string purpose, Pseudonymiser? pseudonymiser, DateTimeOffset at) =>
        new() { Agreement = agreement, ConsumerDid = consumerDid, Purpose = purpose, Pseudonymiser = pseudonymiser, At = at };

    /// <summary>A break-glass grant for the emergency purpose <paramref name="purpose"/>, declared with <paramref name="reason"/>.</summary>
    public static ReleaseGrant GrantedBreakingGlass(
        ContractAgreementRecord agreement, string consumerDid, string purpose, Pseudonymiser? pseudonymiser, DateTimeOffset at, string reason) =>
        Granted(agreement, consumerDid, purpose, pseudonymiser, at) with { BreakGlass = true, BreakGlassReason = reason };

    /// <summary>A refusal.</summary>
    public static ReleaseGrant Refused(string error, string reason) => new() { Error = error, Reason = reason };
}
