using System.Diagnostics.CodeAnalysis;

namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The outcome of parsing: a policy, or every error found with the path to the offending node.</summary>
public sealed record PolicyParseResult(Policy? Policy, IReadOnlyList<ParseError> Errors)
{
    /// <summary>True when the policy parsed without errors.</summary>
    [MemberNotNullWhen(true, nameof(Policy))]
    public bool IsSuccess => Policy is not null && Errors.Count == 0;
}
