using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>Per-constraint result of one evaluation; default means not evaluated.</summary>
internal readonly record struct ConstraintOutcome(bool Evaluated, bool Satisfied, ConstraintFailure Failure, OperandValue Actual);
