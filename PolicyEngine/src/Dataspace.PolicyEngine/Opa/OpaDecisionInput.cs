using System.Text.Json.Serialization;
using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>The local ODRL decision as OPA sees it: effect, the duties a permit carries, and the counterparty-safe reason.</summary>
public sealed record OpaDecisionInput(
    [property: JsonPropertyName("effect")] string Effect,
    [property: JsonPropertyName("duties")] IReadOnlyList<string> Duties,
    [property: JsonPropertyName("reason")] string Reason)
{
    /// <summary>The view of <paramref name="decision"/>; duties are listed by action IRI.</summary>
    public static OpaDecisionInput From(PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new OpaDecisionInput(
            decision.IsPermitted ? "permit" : "deny",
            [.. decision.Duties.Select(d => d.Action.Iri)],
            decision.ToSafeReason());
    }
}
