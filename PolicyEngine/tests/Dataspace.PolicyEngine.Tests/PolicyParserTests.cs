using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Odrl;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests;

public class PolicyParserTests
{
    private const string O = OdrlIri.Ns;

    private static PolicyParseResult ParseJson(string json) => PolicyParser.Parse(json);

    private static PolicyParseResult ParseNode(JsonNode node) => PolicyParser.Parse(node.ToJsonString());

    [Fact]
    public void Parses_a_policy_with_rules_constraints_duties_and_remedies()
    {
        var prohibition = Rule(O + "distribute");
        prohibition[O + "remedy"] = new JsonArray(Rule(O + "delete", target: null));
        var expanded = Policy(
            [Rule(O + "use", [Constraint(O + "purpose", "eq", Id("research"))], assignee: "did:web:uni.example", duties: [Rule(O + "anonymize", target: null)])],
            [prohibition],
            [Rule(O + "delete", [Constraint(O + "elapsedTime", "lteq", Value("P2Y", Xsd.Duration))])],
            type: "Agreement");

        var result = ParseNode(expanded);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var policy = result.Policy;
        Assert.Equal(PolicyType.Agreement, policy.Type);
        var permission = Assert.Single(policy.Permissions);
        Assert.Equal(O + "use", permission.Action.Iri);
        Assert.Equal("did:web:uni.example", permission.Assignee!.Iri);
        var constraint = Assert.IsType<Constraint>(Assert.Single(permission.Constraints));
        Assert.Equal(Operator.Eq, constraint.Operator);
        Assert.Equal(new RdfTerm("research", true), Assert.Single(constraint.RightOperand));
        Assert.Equal(O + "anonymize", Assert.Single(permission.Duties).Action.Iri);
        Assert.Equal(O + "delete", Assert.Single(Assert.Single(policy.Prohibitions).Remedies).Action.Iri);
        Assert.Single(policy.Obligations);
    }

    [Fact]
    public void Missing_action_is_an_error_with_the_path_of_the_rule()
    {
        var rule = Rule(O + "use");
        rule.Remove(O + "action");

        var result = ParseNode(Policy([rule]));

        Assert.False(result.IsSuccess);
        var error = Assert.Single(result.Errors);
        Assert.Equal("$[0]['odrl:permission'][0]", error.Path);
        Assert.Contains("no action", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_operator_is_an_error_naming_the_operator_node()
    {
        var result = ParseNode(Policy([Rule(O + "use", [Constraint(O + "count", "approximately", Value("5"))])]));

        var error = Assert.Single(result.Errors);
        Assert.Equal("$[0]['odrl:permission'][0]['odrl:constraint'][0]['odrl:operator'][0]", error.Path);
        Assert.Contains("unknown operator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lt", """{"@id": "https://example.org/not-a-number"}""", "compares ordered literals")]
    [InlineData("eq", """{"@value": "abc", "@type": "http://www.w3.org/2001/XMLSchema#integer"}""", "not a valid xsd:integer")]
    [InlineData("eq", """{"@value": "tomorrow", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}""", "not a valid xsd:dateTime")]
    [InlineData("eq", """{"http://example.org/p": [{"@value": 1}]}""", "expected a literal (@value) or an IRI (@id)")]
    [InlineData("eq", """{"@value": null}""", "@value must be a string, number or boolean")]
    public void Wrong_right_operand_type_is_an_error(string op, string rightOperand, string expected)
    {
        var result = ParseNode(Policy([Rule(O + "use", [Constraint(O + "count", op, JsonNode.Parse(rightOperand)!.AsObject())])]));

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("$[0]['odrl:permission'][0]['odrl:constraint'][0]['odrl:rightOperand']", error.Path, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_values_for_a_single_valued_operator_is_an_error()
    {
        var result = ParseNode(Policy([Rule(O + "use", [Constraint(O + "purpose", "eq", Id("a:1"), Id("a:2"))])]));

        Assert.Contains("takes one value, got 2", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_left_operand_and_missing_right_operand_are_both_reported()
    {
        var constraint = new JsonObject { [O + "operator"] = new JsonArray(Id(O + "eq")) };

        var result = ParseNode(Policy([Rule(O + "use", [constraint])]));

        Assert.Equal(2, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Message.Contains("no leftOperand", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("neither rightOperand nor rightOperandReference", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("42")]
    [InlineData("[]")]
    [InlineData("[1, \"x\", null]")]
    [InlineData("""[{"@type": ["http://www.w3.org/ns/odrl/2/Set"]}]""")]
    [InlineData("""[{"@id": "p", "@type": ["http://www.w3.org/ns/odrl/2/Set"], "http://www.w3.org/ns/odrl/2/permission": "oops"}]""")]
    [InlineData("""[{"@id": "p", "@type": ["http://www.w3.org/ns/odrl/2/Set"], "http://www.w3.org/ns/odrl/2/permission": [{"http://www.w3.org/ns/odrl/2/action": [{"@value": 3}]}]}]""")]
    [InlineData("""[{"@id": "p", "@type": "http://www.w3.org/ns/odrl/2/Offer", "http://www.w3.org/ns/odrl/2/permission": [{"http://www.w3.org/ns/odrl/2/action": [{"@id": "u"}], "http://www.w3.org/ns/odrl/2/constraint": [[[]]]}]}]""")]
    [InlineData("""[{"@id": "p", "@type": "http://www.w3.org/ns/odrl/2/Offer", "http://www.w3.org/ns/odrl/2/permission": [{"http://www.w3.org/ns/odrl/2/action": [{"@id": "u"}], "http://www.w3.org/ns/odrl/2/constraint": [{"http://www.w3.org/ns/odrl/2/and": []}]}]}]""")]
    public void Malformed_input_gives_errors_never_exceptions(string json)
    {
        var result = ParseJson(json);

        Assert.False(result.IsSuccess);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.StartsWith("$", e.Path, StringComparison.Ordinal));
    }

    [Fact]
    public void Self_referencing_logical_constraint_is_an_error_not_a_stack_overflow()
    {
        const string json = """
            [{"@id": "p", "@type": ["http://www.w3.org/ns/odrl/2/Set"],
              "http://www.w3.org/ns/odrl/2/permission": [{"http://www.w3.org/ns/odrl/2/action": [{"@id": "http://www.w3.org/ns/odrl/2/use"}],
                "http://www.w3.org/ns/odrl/2/constraint": [{"@id": "urn:c", "http://www.w3.org/ns/odrl/2/or": [{"@id": "urn:c"}]}]}]}]
            """;

        var result = ParseJson(json);

        Assert.Contains(result.Errors, e => e.Message.Contains("nested deeper", StringComparison.Ordinal));
    }

    [Fact]
    public void Inherit_from_and_policy_level_constraints_are_rejected_rather_than_ignored()
    {
        var policy = Policy([Rule(O + "use")]);
        policy[0]![O + "inheritFrom"] = new JsonArray(Id("https://hrs.example/policy/parent"));
        policy[0]![O + "constraint"] = new JsonArray(Constraint(O + "purpose", "eq", Id("research")));

        var result = ParseNode(policy);

        Assert.Equal(2, result.Errors.Count);
    }

    [Fact]
    public void Action_refinement_via_rdf_value_and_references_to_constraint_nodes_are_read()
    {
        // Flattened-style input: the logical constraint lists constraints that are defined as separate nodes.
        const string json = """
            [
              {"@id": "https://hrs.example/policy/9", "@type": ["http://www.w3.org/ns/odrl/2/Set"],
               "http://www.w3.org/ns/odrl/2/permission": [{
                 "http://www.w3.org/ns/odrl/2/action": [{
                   "http://www.w3.org/1999/02/22-rdf-syntax-ns#value": [{"@id": "http://www.w3.org/ns/odrl/2/print"}],
                   "http://www.w3.org/ns/odrl/2/refinement": [{"@id": "urn:c:either"}]}]}]},
              {"@id": "urn:c:either", "http://www.w3.org/ns/odrl/2/xone": [{"@list": [{"@id": "urn:c:1"}, {"@id": "urn:c:2"}]}]},
              {"@id": "urn:c:1", "http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/count"}],
               "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/neg"}],
               "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": 5}]},
              {"@id": "urn:c:2", "http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/count"}],
               "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/lt"}],
               "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": 2.5}]}
            ]
            """;

        var result = ParseJson(json);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var action = Assert.Single(result.Policy.Permissions).Action;
        Assert.Equal(O + "print", action.Iri);
        var xone = Assert.IsType<LogicalConstraint>(Assert.Single(action.Refinements));
        Assert.Equal(LogicalOperator.Xone, xone.Operator);
        var first = Assert.IsType<Constraint>(xone.Constraints[0]);
        Assert.Equal(Operator.Neq, first.Operator); // odrl:neg is what the official context produces for "neq"
        Assert.Equal(new RdfTerm("5", false, Xsd.Integer), first.RightOperand[0]);
        Assert.Equal(new RdfTerm("2.5", false, Xsd.Double), Assert.IsType<Constraint>(xone.Constraints[1]).RightOperand[0]);
    }

    [Fact]
    public void Policy_level_target_assignee_and_actions_propagate_to_rules_and_several_actions_split()
    {
        var rule = new JsonObject { [O + "action"] = new JsonArray(Id(O + "read"), Id(O + "aggregate")) };
        var policy = Policy([rule]);
        policy[0]![O + "target"] = new JsonArray(Id("https://hrs.example/ds/trends"));
        policy[0]![O + "assignee"] = new JsonArray(Id("did:web:uni.example"));

        var result = ParseNode(policy);

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Policy.Permissions.Count);
        Assert.All(result.Policy.Permissions, p => Assert.Equal("https://hrs.example/ds/trends", p.Target!.Iri));
        Assert.All(result.Policy.Permissions, p => Assert.Equal("did:web:uni.example", p.Assignee!.Iri));
    }

    [Fact]
    public void Party_collection_with_refinement_is_read_as_a_collection()
    {
        var assignee = new JsonObject
        {
            ["@type"] = new JsonArray(O + "PartyCollection"),
            [O + "source"] = new JsonArray(Id("https://hrs.example/groups/partners")),
            [O + "refinement"] = new JsonArray(Constraint(O + "spatial", "isPartOf", Value("EU"))),
        };
        var rule = Rule(O + "use");
        rule[O + "assignee"] = new JsonArray(assignee);

        var result = ParseNode(Policy([rule]));

        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        var party = Assert.Single(result.Policy.Permissions).Assignee!;
        Assert.True(party.IsCollection);
        Assert.Equal("https://hrs.example/groups/partners", party.Iri);
        Assert.Single(party.Refinements);
    }

    [Fact]
    public void A_collection_node_with_its_own_iri_is_that_collection_even_with_a_source()
    {
        var assignee = new JsonObject
        {
            ["@id"] = "https://hrs.example/groups/partners",
            ["@type"] = new JsonArray(O + "PartyCollection"),
            [O + "source"] = new JsonArray(Id("https://hrs.example/registry/partners")),
        };
        var rule = Rule(O + "use");
        rule[O + "assignee"] = new JsonArray(assignee);

        var party = Assert.Single(ParseNode(Policy([rule])).Policy!.Permissions).Assignee!;

        Assert.True(party.IsCollection);
        Assert.Equal("https://hrs.example/groups/partners", party.Iri);
    }

    [Fact]
    public void Accepts_a_single_node_object_as_well_as_the_expanded_array()
    {
        var node = Policy([Rule(O + "use")])[0]!;

        using var document = JsonDocument.Parse(node.ToJsonString());

        Assert.True(PolicyParser.Parse(document.RootElement).IsSuccess);
    }
}
