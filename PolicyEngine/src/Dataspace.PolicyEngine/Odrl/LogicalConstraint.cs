namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL logical constraint combining other constraints with and, or, xone or andSequence.</summary>
public sealed record LogicalConstraint(string? Uid, LogicalOperator Operator, IReadOnlyList<ConstraintNode> Constraints)
    : ConstraintNode(Uid);
