namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>Why a constraint was not satisfied; everything except <see cref="NotSatisfied"/> means it could not be checked.</summary>
public enum ConstraintFailure
{
    /// <summary>Satisfied.</summary>
    None,

    /// <summary>Checked, and the actual value does not meet the right operand.</summary>
    NotSatisfied,

    /// <summary>The request did not carry the value the left operand needs.</summary>
    ValueMissing,

    /// <summary>The left operand is not registered (closed world).</summary>
    UnknownLeftOperand,

    /// <summary>A right operand (or a resolved value) does not fit the left operand's type.</summary>
    TypeMismatch,

    /// <summary>The operator is not defined for the left operand's type.</summary>
    UnsupportedOperator,

    /// <summary>A rightOperandReference, which this engine does not dereference.</summary>
    UnresolvedReference,

    /// <summary>The operand function threw; the constraint fails closed.</summary>
    OperandError,

    /// <summary>Skipped because an earlier operand of an andSequence failed.</summary>
    NotEvaluated,
}
