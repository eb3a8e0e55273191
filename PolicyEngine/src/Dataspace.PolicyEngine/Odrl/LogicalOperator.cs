namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The ODRL 2.2 logical constraint operators.</summary>
public enum LogicalOperator
{
    /// <summary>All operands are satisfied.</summary>
    And,

    /// <summary>At least one operand is satisfied.</summary>
    Or,

    /// <summary>Exactly one operand is satisfied.</summary>
    Xone,

    /// <summary>All operands are satisfied, checked in order; the first failure stops the check.</summary>
    AndSequence,
}
