namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL permission; its duties must be fulfilled when the permission is exercised.</summary>
public sealed record Permission(
    string? Uid,
    OdrlAction Action,
    Asset? Target,
    Party? Assigner,
    Party? Assignee,
    IReadOnlyList<ConstraintNode> Constraints,
    IReadOnlyList<Duty> Duties) : Rule(Uid, Action, Target, Assigner, Assignee, Constraints);
