using System.Text.Json.Serialization;
using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>The <c>input</c> document sent to OPA: the request as the ODRL evaluator saw it, the policy uid and the local decision.</summary>
public sealed record OpaInput(
    [property: JsonPropertyName("policyUid")] string PolicyUid,
    [property: JsonPropertyName("request")] OpaRequestInput Request,
    [property: JsonPropertyName("decision")] OpaDecisionInput Decision)
{
    /// <summary>Builds the input for <paramref name="request"/> decided locally as <paramref name="decision"/> under <paramref name="policy"/>.</summary>
    public static OpaInput From(CompiledPolicy policy, PolicyRequest request, PolicyDecision decision)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new OpaInput(policy.Policy.Uid, OpaRequestInput.From(request), OpaDecisionInput.From(decision));
    }
}
