using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>The local ODRL decision combined with OPA's opinion, deny-overrides; duties are the local permit's.</summary>
/// <param name="External">OPA's verdict, or null when the local decision already denied and OPA was not asked.</param>
public sealed record SecondOpinionDecision(PolicyDecision Local, OpaVerdict? External)
{
    public Effect Effect => Local.IsPermitted && External is { IsAllowed: true } ? Effect.Permit : Effect.Deny;

    public bool IsPermitted => Effect == Effect.Permit;

    /// <summary>A reason safe to send to the counterparty.</summary>
    public string ToSafeReason() => External is { IsAllowed: false } external ? external.SafeReason : Local.ToSafeReason();

    /// <summary>The local explanation followed by OPA's detail, for the operator.</summary>
    public string ToFullExplanation() =>
        Local.ToFullExplanation() + Environment.NewLine
        + (External is null ? "external policy: not consulted (denied locally)" : $"external policy: {External.Outcome} - {External.Detail}");
}
