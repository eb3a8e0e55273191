using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>A constraint with its operand function and right operand values resolved once, at compile time.</summary>
internal sealed class CompiledConstraint
{
    public required ConstraintNode Node { get; init; }

    public required string Label { get; init; }

    public LeftOperand? Operand { get; init; }

    public Operator Operator { get; init; }

    public OperandValue[] Right { get; init; } = [];

    /// <summary>Set when the constraint can never be checked (unknown operand, type mismatch…): it always fails with this reason.</summary>
    public ConstraintFailure StaticFailure { get; init; }

    public string? StaticDetail { get; init; }

    public LogicalOperator? Logical { get; init; }

    public int[] Children { get; init; } = [];
}
