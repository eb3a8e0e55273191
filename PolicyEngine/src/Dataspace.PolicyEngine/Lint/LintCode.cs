namespace Dataspace.PolicyEngine.Lint;

/// <summary>The stable codes of <see cref="LintFinding"/>, for filtering and suppressing findings.</summary>
public static class LintCode
{
    /// <summary>A permission and a prohibition on overlapping actions whose constraints are not provably disjoint.</summary>
    public const string Conflict = "permission-prohibition-conflict";

    /// <summary>Constraints that can never all hold, so the rule never applies.</summary>
    public const string Unsatisfiable = "unsatisfiable-constraint";

    /// <summary>A dateTime lower bound already passed: the constraint no longer restricts anything.</summary>
    public const string DateInPast = "date-in-past";

    /// <summary>A permission on personal health data with no constraint limiting the purpose of use.</summary>
    public const string PhiWithoutPurpose = "phi-without-purpose";

    /// <summary>A permission whose purposes include research but that carries no pseudonymisation duty.</summary>
    public const string ResearchWithoutPseudonymisation = "research-without-pseudonymisation";

    /// <summary>A left operand the operand registry does not know: the evaluator denies it (closed world).</summary>
    public const string UnknownLeftOperand = "unknown-left-operand";

    /// <summary>A duty without an action, so there is nothing to fulfil.</summary>
    public const string DutyWithoutAction = "duty-without-action";
}
