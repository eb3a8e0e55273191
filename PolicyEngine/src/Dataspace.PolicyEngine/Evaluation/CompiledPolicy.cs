using System.Diagnostics;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>
/// A policy compiled once against an <see cref="OperandRegistry"/>: operators, operand functions and right operands are
/// resolved up front, so <see cref="Evaluate"/> is pure, thread-safe and allocates only its result.
/// </summary>
public sealed class CompiledPolicy
{
    private CompiledPolicy(Policy policy, CompiledConstraint[] constraints, CompiledRule[] rules)
    {
        Policy = policy;
        ConstraintTable = constraints;
        RuleTable = rules;
        PermissionCount = policy.Permissions.Count;
        ProhibitionCount = policy.Prohibitions.Count;
        ObligationCount = policy.Obligations.Count;
    }

    public Policy Policy { get; }

    internal CompiledConstraint[] ConstraintTable { get; }

    /// <summary>Permissions, prohibitions, obligations, then permission duties, in that order.</summary>
    internal CompiledRule[] RuleTable { get; }

    internal int PermissionCount { get; }

    internal int ProhibitionCount { get; }

    internal int ObligationCount { get; }

    /// <summary>Compiles <paramref name="policy"/>. Never throws for policy content: problems become constraints that deny with a reason.</summary>
    public static CompiledPolicy Compile(Policy policy, OperandRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(registry);
        var compiler = new Compiler(registry);
        var rules = new List<CompiledRule>();
        // Table order is permissions, prohibitions, obligations, then permission duties; evaluation relies on it.
        for (var i = 0; i < policy.Permissions.Count; i++)
        {
            rules.Add(compiler.Rule(policy.Permissions[i], RuleKind.Permission, policy.Permissions[i].Uid ?? $"permission[{i}]"));
        }

        for (var i = 0; i < policy.Prohibitions.Count; i++)
        {
            rules.Add(compiler.Rule(policy.Prohibitions[i], RuleKind.Prohibition, policy.Prohibitions[i].Uid ?? $"prohibition[{i}]"));
        }

        for (var i = 0; i < policy.Obligations.Count; i++)
        {
            rules.Add(compiler.Rule(policy.Obligations[i], RuleKind.Duty, policy.Obligations[i].Uid ?? $"obligation[{i}]"));
        }

        for (var i = 0; i < policy.Permissions.Count; i++)
        {
            var permission = rules[i];
            var duties = policy.Permissions[i].Duties;
            var indices = new int[duties.Count];
            for (var j = 0; j < duties.Count; j++)
            {
                indices[j] = rules.Count;
                rules.Add(compiler.Rule(duties[j], RuleKind.Duty, duties[j].Uid ?? $"{permission.Name}/duty[{j}]"));
            }

            rules[i] = permission with { Duties = indices };
        }

        return new CompiledPolicy(policy, compiler.Constraints.ToArray(), rules.ToArray());
    }

    /// <summary>Decides <paramref name="request"/>: permit if an applicable permission holds and no applicable prohibition is active.</summary>
    public PolicyDecision Evaluate(PolicyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var constraints = new ConstraintOutcome[ConstraintTable.Length];
        var rules = new RuleOutcome[RuleTable.Length];
        for (var i = 0; i < RuleTable.Length; i++)
        {
            rules[i] = EvaluateRule(RuleTable[i], request, constraints);
        }

        var chosen = -1;
        for (var i = 0; i < PermissionCount; i++)
        {
            if (!rules[i].Applicable || !rules[i].ConstraintsSatisfied || HasViolatedDuty(i, rules))
            {
                continue;
            }

            // Prefer a permission that needs nothing more from the caller.
            if (chosen < 0 || (PendingDutyCount(i, rules) == 0 && PendingDutyCount(chosen, rules) > 0))
            {
                chosen = i;
            }
        }

        var prohibited = false;
        for (var i = PermissionCount; i < PermissionCount + ProhibitionCount; i++)
        {
            prohibited |= rules[i].Applicable && rules[i].ConstraintsSatisfied;
        }

        var permit = chosen >= 0 && (!prohibited || Policy.Conflict == ConflictStrategy.Perm);
        var duties = permit ? DutiesToFulfil(chosen, rules) : [];
        return new PolicyDecision(permit ? Effect.Permit : Effect.Deny, duties, this, constraints, rules);
    }

    private bool HasViolatedDuty(int permission, RuleOutcome[] rules)
    {
        foreach (var duty in RuleTable[permission].Duties)
        {
            if (rules[duty].ConstraintsSatisfied && rules[duty].Violated)
            {
                return true;
            }
        }

        return false;
    }

    private int PendingDutyCount(int permission, RuleOutcome[] rules)
    {
        var pending = 0;
        foreach (var duty in RuleTable[permission].Duties)
        {
            if (rules[duty].ConstraintsSatisfied && !rules[duty].Fulfilled)
            {
                pending++;
            }
        }

        return pending;
    }

    private Duty[] DutiesToFulfil(int permission, RuleOutcome[] rules)
    {
        var pending = PendingDutyCount(permission, rules);
        var obligationStart = PermissionCount + ProhibitionCount;
        for (var i = obligationStart; i < obligationStart + ObligationCount; i++)
        {
            if (rules[i].ConstraintsSatisfied && !rules[i].Fulfilled)
            {
                pending++;
            }
        }

        if (pending == 0)
        {
            return [];
        }

        var duties = new Duty[pending];
        var n = 0;
        foreach (var duty in RuleTable[permission].Duties)
        {
            if (rules[duty].ConstraintsSatisfied && !rules[duty].Fulfilled)
            {
                duties[n++] = (Duty)RuleTable[duty].Rule;
            }
        }

        for (var i = obligationStart; i < obligationStart + ObligationCount; i++)
        {
            if (rules[i].ConstraintsSatisfied && !rules[i].Fulfilled)
            {
                duties[n++] = (Duty)RuleTable[i].Rule;
            }
        }

        return duties;
    }

    private RuleOutcome EvaluateRule(CompiledRule rule, PolicyRequest request, ConstraintOutcome[] outcomes)
    {
        var constraintsSatisfied = AllHold(rule.Constraints, request, outcomes);
        if (rule.Kind == RuleKind.Duty)
        {
            // A duty recorded as both fulfilled and violated counts as violated: contradictory evidence must not grant.
            var violated = request.ViolatedDuties.Contains(rule.FulfilmentKey);
            return new RuleOutcome(false, false, false, constraintsSatisfied, !violated && request.FulfilledDuties.Contains(rule.FulfilmentKey), violated);
        }

        var actionMatched = ActionHierarchy.IsIncludedIn(request.Action, rule.Rule.Action.Iri)
            & AllHold(rule.ActionRefinements, request, outcomes);
        var target = rule.Rule.Target;
        var targetMatched = (target is null || Identifies(target.Iri, target.IsCollection, request.Target, request.TargetPartOf))
            & AllHold(rule.TargetRefinements, request, outcomes);
        var assignee = rule.Rule.Assignee;
        var assigneeMatched = (assignee is null || Identifies(assignee.Iri, assignee.IsCollection, request.Participant, request.Memberships))
            & AllHold(rule.AssigneeRefinements, request, outcomes);
        return new RuleOutcome(actionMatched, targetMatched, assigneeMatched, constraintsSatisfied, false, false);
    }

    private static bool Identifies(string? iri, bool isCollection, string requested, IReadOnlyList<string> memberOf)
    {
        if (iri is null)
        {
            // A collection known only by its refinements is matched by those refinements alone.
            return isCollection;
        }

        if (string.Equals(iri, requested, StringComparison.Ordinal))
        {
            return true;
        }

        if (!isCollection)
        {
            return false;
        }

        for (var i = 0; i < memberOf.Count; i++)
        {
            if (string.Equals(memberOf[i], iri, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    // Every operand is evaluated (no short circuit) so the explanation is complete; policies are small.
    private bool AllHold(int[] roots, PolicyRequest request, ConstraintOutcome[] outcomes)
    {
        var all = true;
        foreach (var root in roots)
        {
            all &= Holds(root, request, outcomes);
        }

        return all;
    }

    private bool Holds(int index, PolicyRequest request, ConstraintOutcome[] outcomes)
    {
        var constraint = ConstraintTable[index];
        var satisfied = constraint.Logical is { } logical
            ? HoldsLogical(logical, constraint.Children, request, outcomes)
            : HoldsAtomic(constraint, request, out outcomes[index]);
        if (constraint.Logical is not null)
        {
            outcomes[index] = new ConstraintOutcome(true, satisfied, satisfied ? ConstraintFailure.None : ConstraintFailure.NotSatisfied, OperandValue.Missing);
        }

        return satisfied;
    }

    private bool HoldsLogical(LogicalOperator logical, int[] children, PolicyRequest request, ConstraintOutcome[] outcomes)
    {
        var satisfied = 0;
        foreach (var child in children)
        {
            if (Holds(child, request, outcomes))
            {
                satisfied++;
            }
            else if (logical == LogicalOperator.AndSequence)
            {
                return false;
            }
        }

        return logical switch
        {
            LogicalOperator.Or => satisfied > 0,
            LogicalOperator.Xone => satisfied == 1,
            _ => satisfied == children.Length,
        };
    }

    private static bool HoldsAtomic(CompiledConstraint constraint, PolicyRequest request, out ConstraintOutcome outcome)
    {
        if (constraint.StaticFailure != ConstraintFailure.None)
        {
            outcome = new ConstraintOutcome(true, false, constraint.StaticFailure, OperandValue.Missing);
            return false;
        }

        var operand = constraint.Operand!;
        OperandValue actual;
        try
        {
            actual = operand.Resolve(request);
        }
#pragma warning disable CA1031 // A faulty operand function must deny, never take the caller down.
        catch (Exception)
#pragma warning restore CA1031
        {
            outcome = new ConstraintOutcome(true, false, ConstraintFailure.OperandError, OperandValue.Missing);
            return false;
        }

        if (!actual.HasValue)
        {
            outcome = new ConstraintOutcome(true, false, ConstraintFailure.ValueMissing, actual);
            return false;
        }

        if (actual.Type != operand.Type)
        {
            outcome = new ConstraintOutcome(true, false, ConstraintFailure.TypeMismatch, actual);
            return false;
        }

        var satisfied = OperatorSemantics.Holds(constraint.Operator, actual, constraint.Right, operand.Scheme);
        outcome = new ConstraintOutcome(true, satisfied, satisfied ? ConstraintFailure.None : ConstraintFailure.NotSatisfied, actual);
        return satisfied;
    }

    private sealed class Compiler(OperandRegistry registry)
    {
        public List<CompiledConstraint> Constraints { get; } = [];

        public CompiledRule Rule(Rule rule, RuleKind kind, string name) => new()
        {
            Rule = rule,
            Kind = kind,
            Name = name,
            // A duty's action refinements describe how to fulfil it, not a condition on the request.
            ActionRefinements = kind == RuleKind.Duty ? [] : Nodes(rule.Action.Refinements),
            TargetRefinements = kind == RuleKind.Duty ? [] : Nodes(rule.Target?.Refinements ?? []),
            AssigneeRefinements = kind == RuleKind.Duty ? [] : Nodes(rule.Assignee?.Refinements ?? []),
            Constraints = Nodes(rule.Constraints),
        };

        private int[] Nodes(IReadOnlyList<ConstraintNode> nodes) => nodes.Select(Node).ToArray();

        private int Node(ConstraintNode node)
        {
            var compiled = node switch
            {
                LogicalConstraint logical => new CompiledConstraint
                {
                    Node = logical,
                    Label = logical.Operator.ToString().ToLowerInvariant(),
                    Logical = logical.Operator,
                    Children = Nodes(logical.Constraints),
                },
                Constraint atomic => Atomic(atomic),
                _ => throw new UnreachableException("ConstraintNode has only these two subtypes"),
            };
            Constraints.Add(compiled);
            return Constraints.Count - 1;
        }

        private CompiledConstraint Atomic(Constraint constraint)
        {
            if (!registry.TryGet(constraint.LeftOperand, out var operand))
            {
                return Failing(constraint, "constraint", ConstraintFailure.UnknownLeftOperand,
                    $"left operand {OdrlIri.Abbreviate(constraint.LeftOperand)} is not registered");
            }

            if (constraint.RightOperandReference is not null)
            {
                return Failing(constraint, operand.Label, ConstraintFailure.UnresolvedReference,
                    "rightOperandReference is not dereferenced by this engine");
            }

            if (!OperatorSemantics.Supports(operand.Type, constraint.Operator))
            {
                return Failing(constraint, operand.Label, ConstraintFailure.UnsupportedOperator,
                    $"operator {constraint.Operator.ToString().ToLowerInvariant()} is not defined for {operand.Type} operand {operand.Label}");
            }

            var right = new OperandValue[constraint.RightOperand.Count];
            for (var i = 0; i < right.Length; i++)
            {
                var term = constraint.RightOperand[i];
                if (!OperandValue.TryFromTerm(term, operand.Type, operand.Scheme, out right[i]))
                {
                    return Failing(constraint, operand.Label, ConstraintFailure.TypeMismatch,
                        $"right operand {term} is not a {operand.Type} value as {operand.Label} requires");
                }
            }

            return new CompiledConstraint
            {
                Node = constraint,
                Label = operand.Label,
                Operand = operand,
                Operator = constraint.Operator,
                Right = right,
            };
        }

        private static CompiledConstraint Failing(Constraint constraint, string label, ConstraintFailure failure, string detail) => new()
        {
            Node = constraint,
            Label = label,
            Operator = constraint.Operator,
            StaticFailure = failure,
            StaticDetail = detail,
        };
    }
}
