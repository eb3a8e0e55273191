using System.Globalization;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>How one constraint or refinement fared, with the actual value compared (for logical constraints, the operands).</summary>
public sealed record ConstraintReport(
    ConstraintNode Constraint,
    string Label,
    bool IsSatisfied,
    ConstraintFailure Failure,
    OperandValue Actual,
    string? Detail,
    IReadOnlyList<ConstraintReport> Children)
{
    /// <summary>One line for the operator: the constraint as written, the actual value and the outcome.</summary>
    public string Describe()
    {
        var mark = IsSatisfied ? "[ok]  " : Failure == ConstraintFailure.NotEvaluated ? "[skip]" : "[FAIL]";
        var id = Constraint.Uid is null ? "" : $" ({Constraint.Uid})";
        if (Constraint is LogicalConstraint logical)
        {
            return $"{mark} {OdrlName(logical.Operator.ToString())}{id}";
        }

        var atomic = (Constraint)Constraint;
        var right = atomic.RightOperandReference is { } reference
            ? $"ref <{reference}>"
            : string.Join(", ", atomic.RightOperand);
        var unit = atomic.Unit is null ? "" : $" {atomic.Unit}";
        var outcome = Failure switch
        {
            ConstraintFailure.None or ConstraintFailure.NotSatisfied => $"actual {Actual}",
            _ => Detail ?? Failure.ToString(),
        };
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{mark} {OdrlIri.Abbreviate(atomic.LeftOperand)} {OdrlName(atomic.Operator.ToString())} {right}{unit}{id} - {outcome}");
    }

    // ODRL spells operators in lower camel case: IsAnyOf → isAnyOf.
    private static string OdrlName(string name) => string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
}
