using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.Connector.Cli;

/// <summary>The machine form of a decision for <c>dataspace policy eval --json</c>: effect, duties and the full explanation tree.</summary>
public static class PolicyDecisionJson
{
    /// <summary>Writes <paramref name="decision"/> on the policy <paramref name="policyUid"/> as a JSON object.</summary>
    public static JsonObject Write(PolicyDecision decision, string policyUid)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new JsonObject
        {
            ["decision"] = decision.Effect.ToString(),
            ["policy"] = policyUid,
            ["reason"] = decision.ToSafeReason(),
            ["requiresPseudonymisation"] = decision.RequiresPseudonymisation,
            ["duties"] = new JsonArray([.. decision.Duties.Select(Duty)]),
            ["rules"] = new JsonArray([.. decision.Rules.Select(Rule)]),
        };
    }

    private static JsonNode Duty(Duty duty) => new JsonObject
    {
        ["uid"] = duty.Uid,
        ["action"] = duty.Action.Iri,
    };

    private static JsonNode Rule(RuleReport rule)
    {
        var node = new JsonObject
        {
            ["kind"] = rule.Kind.ToString().ToLowerInvariant(),
            ["name"] = rule.Name,
            ["uid"] = rule.Rule.Uid,
            ["action"] = rule.Rule.Action.Iri,
            ["target"] = rule.Rule.Target?.Iri,
            ["assignee"] = rule.Rule.Assignee?.Iri,
            ["active"] = rule.IsActive,
            ["constraintsSatisfied"] = rule.ConstraintsSatisfied,
        };
        if (rule.Kind == RuleKind.Duty)
        {
            node["fulfilled"] = rule.IsFulfilled == true;
            node["violated"] = rule.IsViolated == true;
        }
        else
        {
            node["applicable"] = rule.IsApplicable;
            node["actionMatched"] = rule.ActionMatched;
            node["targetMatched"] = rule.TargetMatched;
            node["assigneeMatched"] = rule.AssigneeMatched;
        }

        node["refinements"] = new JsonArray([.. rule.Refinements.Select(Constraint)]);
        node["constraints"] = new JsonArray([.. rule.Constraints.Select(Constraint)]);
        node["duties"] = new JsonArray([.. rule.Duties.Select(Rule)]);
        return node;
    }

    private static JsonNode Constraint(ConstraintReport report)
    {
        var node = new JsonObject
        {
            ["uid"] = report.Constraint.Uid,
            ["label"] = report.Label,
            ["satisfied"] = report.IsSatisfied,
            ["failure"] = report.Failure.ToString(),
            ["actual"] = report.Actual.HasValue ? report.Actual.ToString() : null,
            ["detail"] = report.Detail,
            ["explanation"] = report.Describe(),
        };
        if (report.Constraint is LogicalConstraint logical)
        {
            node["operator"] = OdrlName(logical.Operator.ToString());
            node["operands"] = new JsonArray([.. report.Children.Select(Constraint)]);
        }
        else if (report.Constraint is Constraint atomic)
        {
            node["leftOperand"] = atomic.LeftOperand;
            node["operator"] = OdrlName(atomic.Operator.ToString());
            node["rightOperand"] = new JsonArray([.. atomic.RightOperand.Select(t => (JsonNode)t.ToString())]);
        }

        return node;
    }

    // ODRL spells operators in lower camel case: IsAnyOf is isAnyOf.
    private static string OdrlName(string name) => string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
}
