namespace Dataspace.PolicyEngine.Odrl;

/// <summary>What permissions, prohibitions and duties share: one action on a target between parties, under constraints.</summary>
public abstract record Rule(
    string? Uid,
    OdrlAction Action,
    Asset? Target,
    Party? Assigner,
    Party? Assignee,
    IReadOnlyList<ConstraintNode> Constraints);
