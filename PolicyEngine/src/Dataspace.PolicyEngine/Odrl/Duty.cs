namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL duty: a permission's duty, a prohibition's remedy or a policy-level obligation.</summary>
public sealed record Duty(
    string? Uid,
    OdrlAction Action,
    Asset? Target,
    Party? Assigner,
    Party? Assignee,
    IReadOnlyList<ConstraintNode> Constraints) : Rule(Uid, Action, Target, Assigner, Assignee, Constraints);
