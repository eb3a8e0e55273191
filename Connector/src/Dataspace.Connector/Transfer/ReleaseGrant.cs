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

    /// <summary>A machine code for the refusal (<c>no_agreement</c>, <c>usage_denied</c>).</summary>
    public string? Error { get; private init; }

    /// <summary>A reason safe to tell the consumer.</summary>
    public string? Reason { get; private init; }

    /// <summary>A grant.</summary>
    public static ReleaseGrant Granted(ContractAgreementRecord agreement, string consumerDid, string purpose, Pseudonymiser? pseudonymiser, DateTimeOffset at) =>
        new() { Agreement = agreement, ConsumerDid = consumerDid, Purpose = purpose, Pseudonymiser = pseudonymiser, At = at };

    /// <summary>A refusal.</summary>
    public static ReleaseGrant Refused(string error, string reason) => new() { Error = error, Reason = reason };
}
