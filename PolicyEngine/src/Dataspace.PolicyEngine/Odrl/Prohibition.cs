namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL prohibition; its remedies apply if it is violated anyway.</summary>
public sealed record Prohibition(
    string? Uid,
    OdrlAction Action,
    Asset? Target,
    Party? Assigner,
    Party? Assignee,
    IReadOnlyList<ConstraintNode> Constraints,
    IReadOnlyList<Duty> Remedies) : Rule(Uid, Action, Target, Assigner, Assignee, Constraints);
