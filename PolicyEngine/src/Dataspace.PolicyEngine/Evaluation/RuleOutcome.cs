namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>Per-rule result of one evaluation.</summary>
internal readonly record struct RuleOutcome(
    bool ActionMatched,
    bool TargetMatched,
    bool AssigneeMatched,
    bool ConstraintsSatisfied,
    bool Fulfilled,
    bool Violated)
{
    public bool Applicable => ActionMatched && TargetMatched && AssigneeMatched;
}
