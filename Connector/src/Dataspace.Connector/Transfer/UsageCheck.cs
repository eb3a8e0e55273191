using Dataspace.Connector.Hosting;
using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The agreement's usage constraints for one data-plane request, as a pure function: the agreed ODRL rules are evaluated
/// for each purpose the consumer is entitled to, with the uses before this request and the agreement's time.
/// </summary>
public static class UsageCheck
{
    private const string Use = "http://www.w3.org/ns/odrl/2/use";

    /// <summary>The first permitting (purpose, decision), or the refusal of the first purpose.</summary>
    public static (string? Purpose, PolicyDecision Decision) Evaluate(
        CompiledPolicy policy, string assetId, string consumerDid, MemberOptions? member, long usesSoFar, DateTimeOffset agreedAt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        IReadOnlyList<string?> purposes = member?.Purposes is { Count: > 0 } entitled ? entitled : new string?[] { null };
        (string? Purpose, PolicyDecision? Decision) first = (null, null);
        foreach (var purpose in purposes)
        {
            var decision = policy.Evaluate(new PolicyRequest
            {
                Action = Use,
                Target = assetId,
                Participant = consumerDid,
                Country = member?.Country,
                Role = member?.Role,
                Purpose = purpose,
                Now = now,
                AgreementTime = agreedAt,
                UseCount = usesSoFar,
            });
            if (decision.IsPermitted)
                return (purpose, decision);
            if (first.Decision is null)
                first = (purpose, decision);
        }
        return (first.Purpose, first.Decision!);
    }
}
