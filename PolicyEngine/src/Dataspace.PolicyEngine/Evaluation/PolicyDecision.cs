using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>
/// The decision for one request. A Permit is conditional on <see cref="Duties"/>: the enforcement point must discharge
/// each one (pseudonymise, log, …) before releasing data, and must treat a duty it cannot discharge as Deny.
/// </summary>
public sealed class PolicyDecision
{
    private readonly CompiledPolicy _policy;
    private readonly ConstraintOutcome[] _constraints;
    private readonly RuleOutcome[] _rules;
    private IReadOnlyList<RuleReport>? _reports;

    internal PolicyDecision(Effect effect, IReadOnlyList<Duty> duties, CompiledPolicy policy, ConstraintOutcome[] constraints, RuleOutcome[] rules)
    {
        Effect = effect;
        Duties = duties;
        _policy = policy;
        _constraints = constraints;
        _rules = rules;
    }

    public Effect Effect { get; }

    public bool IsPermitted => Effect == Effect.Permit;

    /// <summary>Active, unfulfilled duties of the granting permission and of the policy's obligations (empty on Deny).</summary>
    public IReadOnlyList<Duty> Duties { get; }

    /// <summary>True when a duty asks for de-identification (odrl:anonymize or the profile's pseudonymise).</summary>
    public bool RequiresPseudonymisation => Duties.Any(d => HealthPolicyIri.IsDeidentification(d.Action.Iri));

    /// <summary>The explanation tree: every top-level rule with its constraints, refinements and duties. Built on first use.</summary>
    public IReadOnlyList<RuleReport> Rules => _reports ??= BuildReports();

    /// <summary>A reason safe to send to the counterparty: which kind of constraint failed, never the policy's values.</summary>
    public string ToSafeReason()
    {
        if (IsPermitted)
        {
            return Duties.Count == 0
                ? "permitted"
                : "permitted with duties: " + string.Join(", ", Duties.Select(d => LocalName(d.Action.Iri)).Distinct());
        }

        var topLevel = Rules;
        if (topLevel.Any(r => r.Kind == RuleKind.Prohibition && r.IsApplicable && r.ConstraintsSatisfied))
        {
            return "denied: prohibited by policy";
        }

        var best = topLevel
            .Where(r => r.Kind == RuleKind.Permission && r.IsApplicable)
            .OrderBy(r => FailedLeaves(r.Constraints).Count())
            .FirstOrDefault();
        if (best is null)
        {
            return "denied: no permission for this requester, action and target";
        }

        var phrases = FailedLeaves(best.Constraints).Select(SafePhrase).Distinct().ToList();
        if (best.Duties.Any(d => d.IsActive && d.IsViolated == true))
        {
            phrases.Add("a duty of the permission was violated");
        }

        return "denied: " + string.Join("; ", phrases);
    }

    /// <summary>The full explanation for the operator, including the actual values compared.</summary>
    public string ToFullExplanation()
    {
        var lines = new List<string> { $"{Effect} - policy {_policy.Policy.Uid}" };
        foreach (var rule in Rules)
        {
            WriteRule(rule, lines, "  ");
        }

        if (Duties.Count > 0)
        {
            lines.Add("duties to fulfil: " + string.Join(", ", Duties.Select(d => OdrlIri.Abbreviate(d.Action.Iri))));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <inheritdoc />
    public override string ToString() => ToFullExplanation();

    private static IEnumerable<ConstraintReport> FailedLeaves(IEnumerable<ConstraintReport> reports) =>
        reports.Where(r => !r.IsSatisfied && r.Failure != ConstraintFailure.NotEvaluated)
            .SelectMany(r => r.Children.Count == 0 ? [r] : FailedLeaves(r.Children));

    private static string SafePhrase(ConstraintReport report) => report.Failure switch
    {
        ConstraintFailure.NotSatisfied => $"{report.Label} not permitted",
        ConstraintFailure.ValueMissing => $"{report.Label} not provided",
        _ => "policy constraint cannot be evaluated",
    };

    private static string LocalName(string iri) => iri[(Math.Max(iri.LastIndexOf('/'), Math.Max(iri.LastIndexOf('#'), iri.LastIndexOf(':'))) + 1)..];

    private static void WriteRule(RuleReport rule, List<string> lines, string indent)
    {
        var state = rule.IsActive ? "active" : "inactive";
        if (rule.Kind == RuleKind.Duty)
        {
            var fulfilled = rule.IsViolated == true ? "violated" : rule.IsFulfilled == true ? "fulfilled" : "not fulfilled";
            lines.Add($"{indent}duty {rule.Name} {OdrlIri.Abbreviate(rule.Rule.Action.Iri)}: {state}, {fulfilled}");
        }
        else
        {
            var mismatches = new[] { (rule.ActionMatched, "action"), (rule.TargetMatched, "target"), (rule.AssigneeMatched, "assignee") }
                .Where(m => !m.Item1).Select(m => m.Item2).ToList();
            var applicability = mismatches.Count == 0 ? "applicable" : "not applicable (" + string.Join(", ", mismatches) + " mismatch)";
            lines.Add($"{indent}{rule.Kind.ToString().ToLowerInvariant()} {rule.Name} {OdrlIri.Abbreviate(rule.Rule.Action.Iri)}: {applicability}, {state}");
        }

        foreach (var refinement in rule.Refinements)
        {
            WriteConstraint(refinement, lines, indent + "  refinement ");
        }

        foreach (var constraint in rule.Constraints)
        {
            WriteConstraint(constraint, lines, indent + "  ");
        }

        foreach (var duty in rule.Duties)
        {
            WriteRule(duty, lines, indent + "  ");
        }
    }

    private static void WriteConstraint(ConstraintReport report, List<string> lines, string indent)
    {
        lines.Add(indent + report.Describe());
        foreach (var child in report.Children)
        {
            WriteConstraint(child, lines, indent + "  ");
        }
    }

    private List<RuleReport> BuildReports()
    {
        var table = _policy.RuleTable;
        var topLevel = _policy.PermissionCount + _policy.ProhibitionCount + _policy.ObligationCount;
        var reports = new List<RuleReport>(topLevel);
        for (var i = 0; i < topLevel; i++)
        {
            reports.Add(Report(i));
        }

        return reports;

        RuleReport Report(int index)
        {
            var rule = table[index];
            var outcome = _rules[index];
            var duties = rule.Duties.Select(Report).ToList();
            var dutiesSettled = duties.All(d => !d.IsActive || d.IsFulfilled == true);
            return new RuleReport(
                rule.Kind,
                rule.Name,
                rule.Rule,
                outcome.ActionMatched,
                outcome.TargetMatched,
                outcome.AssigneeMatched,
                [.. rule.ActionRefinements.Concat(rule.TargetRefinements).Concat(rule.AssigneeRefinements).Select(Constraint)],
                [.. rule.Constraints.Select(Constraint)],
                outcome.ConstraintsSatisfied,
                duties,
                outcome.ConstraintsSatisfied && dutiesSettled,
                rule.Kind == RuleKind.Duty ? outcome.Fulfilled : null,
                rule.Kind == RuleKind.Duty ? outcome.Violated : null);
        }

        ConstraintReport Constraint(int index)
        {
            var compiled = _policy.ConstraintTable[index];
            var outcome = _constraints[index];
            var failure = outcome.Evaluated ? outcome.Failure : ConstraintFailure.NotEvaluated;
            return new ConstraintReport(
                compiled.Node,
                compiled.Label,
                outcome.Satisfied,
                failure,
                outcome.Actual,
                compiled.StaticDetail,
                [.. compiled.Children.Select(Constraint)]);
        }
    }
}
