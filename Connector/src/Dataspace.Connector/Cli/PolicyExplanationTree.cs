using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary>Renders a decision's explanation as a Spectre tree: rules, then their refinements, constraints and duties.</summary>
public static class PolicyExplanationTree
{
    /// <summary>Builds the tree for <paramref name="decision"/> on the policy <paramref name="policyUid"/>.</summary>
    public static Tree Build(PolicyDecision decision, string policyUid)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var colour = decision.IsPermitted ? "green" : "red";
        var tree = new Tree(new Markup($"[bold {colour}]{decision.Effect}[/] policy {Markup.Escape(policyUid)}"));
        foreach (var rule in decision.Rules)
        {
            AddRule(tree.AddNode(new Text(RuleLine(rule))), rule);
        }

        return tree;
    }

    /// <summary>One line for a rule: kind, name, action, applicability and activation.</summary>
    public static string RuleLine(RuleReport rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var action = OdrlIri.Abbreviate(rule.Rule.Action.Iri);
        var state = rule.IsActive ? "active" : "inactive";
        if (rule.Kind == RuleKind.Duty)
        {
            var fulfilment = rule.IsViolated == true ? "violated" : rule.IsFulfilled == true ? "fulfilled" : "not fulfilled";
            return $"duty {rule.Name} {action}: {state}, {fulfilment}";
        }

        var mismatches = new[] { (rule.ActionMatched, "action"), (rule.TargetMatched, "target"), (rule.AssigneeMatched, "assignee") }
            .Where(m => !m.Item1).Select(m => m.Item2).ToList();
        var applicability = mismatches.Count == 0 ? "applicable" : $"not applicable ({string.Join(", ", mismatches)} mismatch)";
        return $"{rule.Kind.ToString().ToLowerInvariant()} {rule.Name} {action}: {applicability}, {state}";
    }

    private static void AddRule(TreeNode node, RuleReport rule)
    {
        foreach (var refinement in rule.Refinements)
        {
            AddConstraint(node, refinement, "refinement ");
        }

        foreach (var constraint in rule.Constraints)
        {
            AddConstraint(node, constraint, "");
        }

        foreach (var duty in rule.Duties)
        {
            AddRule(node.AddNode(new Text(RuleLine(duty))), duty);
        }
    }

    private static void AddConstraint(TreeNode parent, ConstraintReport report, string prefix)
    {
        var node = parent.AddNode(new Text(prefix + report.Describe()));
        foreach (var child in report.Children)
        {
            AddConstraint(node, child, "");
        }
    }
}
