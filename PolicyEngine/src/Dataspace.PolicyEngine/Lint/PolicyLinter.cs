using System.Globalization;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Lint;

/// <summary>Finds what is wrong or risky in a policy before it is offered. Pure: the clock and the PHI assets come in <see cref="LintContext"/>.</summary>
public static class PolicyLinter
{
    private static readonly Operator[] Positive = [Operator.Eq, Operator.IsA, Operator.IsPartOf, Operator.IsAnyOf, Operator.IsAllOf];

    /// <summary>Every finding for <paramref name="policy"/>, in document order; empty for a clean policy.</summary>
    public static IReadOnlyList<LintFinding> Lint(Policy policy, LintContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        context ??= LintContext.Default;
        var findings = new List<LintFinding>();
        foreach (var (rule, path) in Rules(policy))
        {
            CheckRule(rule, path, context, findings);
            if (rule is Permission permission)
            {
                CheckHealthData(policy, permission, path, context, findings);
            }
        }

        CheckConflicts(policy, context, findings);
        return findings;
    }

    private static IEnumerable<(Rule Rule, string Path)> Rules(Policy policy)
    {
        for (var i = 0; i < policy.Permissions.Count; i++)
        {
            yield return (policy.Permissions[i], $"permission[{i}]");
            for (var j = 0; j < policy.Permissions[i].Duties.Count; j++)
            {
                yield return (policy.Permissions[i].Duties[j], $"permission[{i}].duty[{j}]");
            }
        }

        for (var i = 0; i < policy.Prohibitions.Count; i++)
        {
            yield return (policy.Prohibitions[i], $"prohibition[{i}]");
            for (var j = 0; j < policy.Prohibitions[i].Remedies.Count; j++)
            {
                yield return (policy.Prohibitions[i].Remedies[j], $"prohibition[{i}].remedy[{j}]");
            }
        }

        for (var i = 0; i < policy.Obligations.Count; i++)
        {
            yield return (policy.Obligations[i], $"obligation[{i}]");
        }
    }

    private static void CheckRule(Rule rule, string path, LintContext context, List<LintFinding> findings)
    {
        // The parser rejects this; policies built in code (management API, CLI) can still carry it.
        if (rule is Duty && string.IsNullOrWhiteSpace(rule.Action.Iri))
        {
            findings.Add(new LintFinding(LintSeverity.Error, LintCode.DutyWithoutAction, "duty has no action, so there is nothing to fulfil", path));
        }

        var lists = new (IReadOnlyList<ConstraintNode> Nodes, string Path)[]
        {
            (rule.Action.Refinements, $"{path}.action.refinement"),
            (rule.Target?.Refinements ?? [], $"{path}.target.refinement"),
            (rule.Assignee?.Refinements ?? [], $"{path}.assignee.refinement"),
            (rule.Constraints, $"{path}.constraint"),
        };
        foreach (var (constraint, constraintPath) in lists.SelectMany(l => Conjunction.AllAtoms(l.Nodes, l.Path)))
        {
            CheckAtom(constraint, constraintPath, context, findings);
        }

        var severity = rule is Permission ? LintSeverity.Error : LintSeverity.Warning;
        CheckSatisfiable(Conjunction.Of(rule.Constraints, $"{path}.constraint"), path, severity, context, findings);
    }

    private static void CheckAtom(Constraint constraint, string path, LintContext context, List<LintFinding> findings)
    {
        if (!context.Registry.TryGet(constraint.LeftOperand, out var operand))
        {
            findings.Add(new LintFinding(LintSeverity.Error, LintCode.UnknownLeftOperand,
                $"left operand {OdrlIri.Abbreviate(constraint.LeftOperand)} is not registered, so the constraint always fails (closed world)", path));
            return;
        }

        if (context.Now is not { } now || operand.Iri != OdrlIri.DateTime || constraint.Operator is not (Operator.Gt or Operator.Gteq))
        {
            return;
        }

        foreach (var term in constraint.RightOperand)
        {
            if (OperandValue.TryFromTerm(term, operand.Type, operand.Scheme, out var value) && value.Time < now)
            {
                findings.Add(new LintFinding(LintSeverity.Info, LintCode.DateInPast,
                    string.Create(CultureInfo.InvariantCulture, $"{Contradiction.Describe(constraint)} is in the past (now {now:yyyy-MM-dd'T'HH:mm:ss'Z'}), so it no longer restricts anything"),
                    path));
            }
        }
    }

    // The rule's own conjunction, then each or/xone branch on its own: a dead branch is worth reporting even if another lives.
    private static void CheckSatisfiable(Conjunction level, string path, LintSeverity severity, LintContext context, List<LintFinding> findings)
    {
        if (Contradiction.Find(level.Atoms.Select(a => a.Constraint), context.Registry, context.Now) is { } reason)
        {
            findings.Add(new LintFinding(severity, LintCode.Unsatisfiable, reason + ", so this never applies", path));
        }

        foreach (var (choice, choicePath) in level.Choices)
        {
            var name = Conjunction.Name(choice.Operator);
            for (var i = 0; i < choice.Constraints.Count; i++)
            {
                var branchPath = $"{choicePath}.{name}[{i}]";
                CheckSatisfiable(Conjunction.OfBranch(choice.Constraints[i], branchPath), branchPath, LintSeverity.Warning, context, findings);
            }
        }
    }

    private static void CheckHealthData(Policy policy, Permission permission, string path, LintContext context, List<LintFinding> findings)
    {
        var phi = permission.Target?.Iri is { } target ? context.PhiTargets.Contains(target) : context.AppliesToPhi;
        if (phi && !LimitsPurpose(permission.Constraints))
        {
            findings.Add(new LintFinding(LintSeverity.Error, LintCode.PhiWithoutPurpose,
                "personal health data is offered without a constraint limiting odrl:purpose (eq, isA, isPartOf, isAnyOf or isAllOf)", path));
        }

        var deidentified = permission.Duties.Concat(policy.Obligations).Any(d => HealthPolicyIri.IsDeidentification(d.Action.Iri));
        if (!deidentified && AllowsResearch(permission, context.Registry))
        {
            findings.Add(new LintFinding(phi ? LintSeverity.Error : LintSeverity.Warning, LintCode.ResearchWithoutPseudonymisation,
                "purposes include research but there is no pseudonymise or anonymize duty", path));
        }
    }

    // Purpose is limited when every way of satisfying the constraints goes through a positive purpose constraint.
    private static bool LimitsPurpose(IReadOnlyList<ConstraintNode> nodes)
    {
        var level = Conjunction.Of(nodes, "");
        return level.Atoms.Any(a => a.Constraint.LeftOperand == OdrlIri.Purpose && Positive.Contains(a.Constraint.Operator))
            || level.Choices.Any(c => c.Choice.Constraints.All(branch => LimitsPurpose([branch])));
    }

    private static bool AllowsResearch(Permission permission, OperandRegistry registry)
    {
        var scheme = registry.TryGet(OdrlIri.Purpose, out var purpose) ? purpose.Scheme : PurposeOfUse.Scheme;
        return Conjunction.AllAtoms(permission.Constraints, "")
            .Where(a => a.Constraint.LeftOperand == OdrlIri.Purpose && Positive.Contains(a.Constraint.Operator))
            .SelectMany(a => a.Constraint.RightOperand)
            .Select(term => scheme?.Normalize(term.Value) ?? term.Value)
            .Any(value => scheme?.Overlaps(value, PurposeOfUse.ScientificResearch) ?? value == PurposeOfUse.ScientificResearch);
    }

    private static void CheckConflicts(Policy policy, LintContext context, List<LintFinding> findings)
    {
        for (var p = 0; p < policy.Permissions.Count; p++)
        {
            var permission = policy.Permissions[p];
            for (var r = 0; r < policy.Prohibitions.Count; r++)
            {
                var prohibition = policy.Prohibitions[r];
                if (!CanCoincide(permission, prohibition, context))
                {
                    continue;
                }

                var (severity, outcome) = policy.Conflict switch
                {
                    ConflictStrategy.Perm => (LintSeverity.Info, "conflict is perm, so the permission wins"),
                    ConflictStrategy.Prohibit => (LintSeverity.Info, "conflict is prohibit, so the prohibition wins"),
                    _ => (LintSeverity.Warning, "conflict is invalid (the ODRL default), so the request is denied; set odrl:conflict to say which wins"),
                };
                findings.Add(new LintFinding(severity, LintCode.Conflict,
                    $"permission[{p}] ({OdrlIri.Abbreviate(permission.Action.Iri)}) and this prohibition ({OdrlIri.Abbreviate(prohibition.Action.Iri)}) can apply to the same request: {outcome}",
                    $"prohibition[{r}]"));
            }
        }
    }

    // Overlap is assumed unless provable: different single assets or parties, unrelated actions, or contradictory constraints.
    private static bool CanCoincide(Permission permission, Prohibition prohibition, LintContext context)
    {
        var actionsOverlap = ActionHierarchy.IsIncludedIn(prohibition.Action.Iri, permission.Action.Iri)
            || ActionHierarchy.IsIncludedIn(permission.Action.Iri, prohibition.Action.Iri);
        if (!actionsOverlap
            || !MayBeSame(permission.Target?.Iri, permission.Target?.IsCollection, prohibition.Target?.Iri, prohibition.Target?.IsCollection)
            || !MayBeSame(permission.Assignee?.Iri, permission.Assignee?.IsCollection, prohibition.Assignee?.Iri, prohibition.Assignee?.IsCollection))
        {
            return false;
        }

        var both = Conjunction.Of(permission.Constraints, "").Atoms.Concat(Conjunction.Of(prohibition.Constraints, "").Atoms);
        return Contradiction.Find(both.Select(a => a.Constraint), context.Registry, context.Now) is null;
    }

    private static bool MayBeSame(string? first, bool? firstIsCollection, string? second, bool? secondIsCollection) =>
        first is null || second is null || firstIsCollection == true || secondIsCollection == true
        || string.Equals(first, second, StringComparison.Ordinal);
}
