using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>How one rule fared: whether it applies to the request, whether it is active, and why.</summary>
/// <param name="IsViolated">For a duty: recorded as violated in the request; a permission with an active violated duty is never granted.</param>
/// <param name="IsActive">
/// ODRL formal-semantics activation: constraints satisfied and, for a permission, every active duty fulfilled.
/// </param>
public sealed record RuleReport(
    RuleKind Kind,
    string Name,
    Rule Rule,
    bool ActionMatched,
    bool TargetMatched,
    bool AssigneeMatched,
    IReadOnlyList<ConstraintReport> Refinements,
    IReadOnlyList<ConstraintReport> Constraints,
    bool ConstraintsSatisfied,
    IReadOnlyList<RuleReport> Duties,
    bool IsActive,
    bool? IsFulfilled,
    bool? IsViolated)
{
    /// <summary>The rule's action, target and assignee (with refinements) match the request.</summary>
    public bool IsApplicable => ActionMatched && TargetMatched && AssigneeMatched;
}
