namespace Dataspace.PolicyEngine.Odrl;

/// <summary>A value of odrl:constraint or odrl:refinement: a <see cref="Constraint"/> or a <see cref="LogicalConstraint"/>.</summary>
public abstract record ConstraintNode
{
    // Closed hierarchy: the compiler handles exactly the two ODRL constraint kinds.
    private protected ConstraintNode(string? uid) => Uid = uid;

    public string? Uid { get; }
}
