using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests;

public class DecisionTests
{
    private const string O = OdrlIri.Ns;

    private static JsonObject ResearchOnly => Constraint(O + "purpose", "isAnyOf", Id("research"));

    [Fact]
    public void Active_prohibition_overrides_a_permission()
    {
        var policy = Scenario.Compile(Policy(
            [Rule(O + "use")],
            [Rule(O + "distribute", [Constraint(O + "spatial", "neq", Value("EU"))])]));

        Assert.True(policy.Evaluate(Scenario.Request(O + "distribute")).IsPermitted);
        var outsideEu = policy.Evaluate(Scenario.Request(O + "distribute") with { Country = "US" });
        Assert.False(outsideEu.IsPermitted);
        Assert.Equal("denied: prohibited by policy", outsideEu.ToSafeReason());
        Assert.True(policy.Evaluate(Scenario.Request(O + "read") with { Country = "US" }).IsPermitted);
    }

    [Fact]
    public void Conflict_perm_lets_the_permission_win()
    {
        var expanded = Policy([Rule(O + "use")], [Rule(O + "use")]);
        expanded[0]![O + "conflict"] = new JsonArray(Id(O + "perm"));

        Assert.True(Scenario.Compile(expanded).Evaluate(Scenario.Request()).IsPermitted);
        Assert.False(Scenario.Compile(Policy([Rule(O + "use")], [Rule(O + "use")])).Evaluate(Scenario.Request()).IsPermitted);
    }

    [Fact]
    public void Action_hierarchy_use_covers_read_but_read_does_not_cover_use()
    {
        Assert.True(Scenario.Compile(Policy([Rule(O + "use")])).Evaluate(Scenario.Request(O + "read")).IsPermitted);
        var readOnly = Scenario.Compile(Policy([Rule(O + "read")])).Evaluate(Scenario.Request(O + "use"));
        Assert.False(readOnly.IsPermitted);
        Assert.Equal("denied: no permission for this requester, action and target", readOnly.ToSafeReason());
        Assert.False(Scenario.Compile(Policy([Rule(O + "use")])).Evaluate(Scenario.Request(O + "sell")).IsPermitted);
    }

    [Theory]
    [InlineData("write", "modify")]
    [InlineData("appendTo", "modify")]
    [InlineData("copy", "reproduce")]
    [InlineData("pay", "compensate")]
    public void Deprecated_actions_fall_under_their_odrl_2_2_exact_match(string deprecated, string current)
    {
        Assert.True(ActionHierarchy.IsIncludedIn(O + deprecated, O + current));
        Assert.True(ActionHierarchy.IsIncludedIn(O + deprecated, O + "use"));
        Assert.False(ActionHierarchy.IsIncludedIn(O + current, O + deprecated));
    }

    [Fact]
    public void Permission_for_another_target_or_assignee_does_not_apply()
    {
        var policy = Scenario.Compile(Policy([Rule(O + "use", assignee: "did:web:uni.example")]));

        Assert.False(policy.Evaluate(Scenario.Request()).IsPermitted);
        Assert.True(policy.Evaluate(Scenario.Request() with { Participant = "did:web:uni.example" }).IsPermitted);
        Assert.False(policy.Evaluate(Scenario.Request() with { Participant = "did:web:uni.example", Target = "https://hrs.example/ds/other" }).IsPermitted);
    }

    [Fact]
    public void Party_collection_matches_verified_members_but_a_single_party_does_not()
    {
        const string Partners = "https://hrs.example/groups/partners";
        var member = Scenario.Request() with { Memberships = [Partners] };
        var collection = Policy([Rule(O + "use")]);
        collection[0]![O + "permission"]![0]![O + "assignee"] = new JsonArray(new JsonObject
        {
            ["@id"] = Partners,
            ["@type"] = new JsonArray(O + "PartyCollection"),
        });

        Assert.True(Scenario.Compile(collection).Evaluate(member).IsPermitted);
        Assert.False(Scenario.Compile(collection).Evaluate(Scenario.Request()).IsPermitted);
        Assert.False(Scenario.Compile(Policy([Rule(O + "use", assignee: Partners)])).Evaluate(member).IsPermitted);
    }

    [Fact]
    public void Dsp_contract_offer_example_with_a_policy_level_target()
    {
        // DSP 2025-1 negotiation/example/contract-offer-message.json, its "offer" expanded with the DSP context:
        // {"@type": "Offer", "@id": "urn:uuid:6bce…", "target": "urn:uuid:3dd1…",
        //  "permission": [{"action": "use", "constraint": [{"leftOperand": "dateTime", "operator": "lteq", "rightOperand": "2023-12-31T06:00Z"}]}]}
        const string Target = "urn:uuid:3dd1add8-4d2d-569e-d634-8394a8836a88";
        var offer = Policy([Rule(O + "use", [Constraint(O + "dateTime", "lteq", Value("2023-12-31T06:00Z"))], target: null)], uid: "urn:uuid:6bcea82e-c509-443d-ba8c-8eef25984c07");
        offer[0]![O + "target"] = new JsonArray(Id(Target));
        var policy = Scenario.Compile(offer);

        Assert.True(policy.Evaluate(Scenario.Request() with { Target = Target, Now = new DateTimeOffset(2023, 12, 31, 6, 0, 0, TimeSpan.Zero) }).IsPermitted);
        var late = policy.Evaluate(Scenario.Request() with { Target = Target });
        Assert.False(late.IsPermitted);
        Assert.Equal("denied: time not permitted", late.ToSafeReason());
    }

    [Fact]
    public void Duties_of_the_granting_permission_and_obligations_are_reported()
    {
        var policy = Scenario.Compile(Policy(
            [Rule(O + "use", [ResearchOnly], duties: [Rule(HealthPolicyIri.Pseudonymise, target: null, uid: "urn:duty:pseudo")])],
            obligations: [Rule(O + "delete", [Constraint(O + "elapsedTime", "gteq", Value("P2Y", Xsd.Duration))], target: null), Rule(O + "inform", target: null)]));

        var decision = policy.Evaluate(Scenario.Request() with { Purpose = "research" });

        Assert.True(decision.IsPermitted);
        Assert.Equal([HealthPolicyIri.Pseudonymise, O + "inform"], decision.Duties.Select(d => d.Action.Iri));
        Assert.True(decision.RequiresPseudonymisation);
        Assert.Equal("permitted with duties: pseudonymise, inform", decision.ToSafeReason());

        var fulfilled = policy.Evaluate(Scenario.Request() with { Purpose = "research", FulfilledDuties = new[] { "urn:duty:pseudo" }.ToFrozenSet() });
        Assert.Equal([O + "inform"], fulfilled.Duties.Select(d => d.Action.Iri));
    }

    [Fact]
    public void A_duty_whose_constraint_is_not_met_is_not_required()
    {
        var anonymiseForResearch = Rule(O + "anonymize", [ResearchOnly], target: null);
        var policy = Scenario.Compile(Policy([Rule(O + "use", duties: [anonymiseForResearch])]));

        Assert.Empty(policy.Evaluate(Scenario.Request()).Duties);
        Assert.True(policy.Evaluate(Scenario.Request() with { Purpose = "research" }).RequiresPseudonymisation);
    }

    [Fact]
    public void A_violated_duty_withdraws_the_permission_and_outweighs_a_fulfilment_record()
    {
        var policy = Scenario.Compile(Policy(
            [Rule(O + "use", [ResearchOnly], duties: [Rule(HealthPolicyIri.Pseudonymise, target: null, uid: "urn:duty:pseudo")])]));
        var violated = new[] { "urn:duty:pseudo" }.ToFrozenSet();

        var decision = policy.Evaluate(Scenario.Request() with { Purpose = "research", ViolatedDuties = violated });
        var contradictory = policy.Evaluate(Scenario.Request() with { Purpose = "research", ViolatedDuties = violated, FulfilledDuties = violated });

        Assert.False(decision.IsPermitted);
        Assert.Equal("denied: a duty of the permission was violated", decision.ToSafeReason());
        Assert.Contains("urn:dataspace:policy:pseudonymise: active, violated", decision.ToFullExplanation(), StringComparison.Ordinal);
        Assert.False(contradictory.IsPermitted);
    }

    [Fact]
    public void A_duty_violated_while_inactive_does_not_matter()
    {
        var anonymiseForResearch = Rule(O + "anonymize", [ResearchOnly], target: null, uid: "urn:duty:anon");
        var policy = Scenario.Compile(Policy([Rule(O + "use", duties: [anonymiseForResearch])]));

        Assert.True(policy.Evaluate(Scenario.Request() with { ViolatedDuties = new[] { "urn:duty:anon" }.ToFrozenSet() }).IsPermitted);
    }

    [Fact]
    public void A_permission_without_pending_duties_is_preferred()
    {
        var policy = Scenario.Compile(Policy(
            [Rule(O + "use", duties: [Rule(O + "compensate", target: null)]), Rule(O + "use", [Constraint(O + "spatial", "isPartOf", Value("EU"))])]));

        Assert.Empty(policy.Evaluate(Scenario.Request()).Duties);
        Assert.Single(policy.Evaluate(Scenario.Request() with { Country = "US" }).Duties);
    }

    [Fact]
    public void Explanations_name_rule_and_constraint_and_the_safe_reason_hides_policy_values()
    {
        var policy = Scenario.Compile(Policy(
            [Rule(O + "use", [ResearchOnly, Constraint(O + "spatial", "isPartOf", Value("EU"))], uid: "urn:rule:research")]));

        var decision = policy.Evaluate(Scenario.Request() with { Purpose = "public-health" });

        Assert.False(decision.IsPermitted);
        var rule = Assert.Single(decision.Rules);
        Assert.Equal("urn:rule:research", rule.Name);
        Assert.True(rule.IsApplicable);
        Assert.False(rule.IsActive);
        Assert.Equal(PurposeOfUse.PublicHealth, rule.Constraints[0].Actual.Text);
        Assert.True(rule.Constraints[1].IsSatisfied);
        var full = decision.ToFullExplanation();
        Assert.Contains("urn:rule:research", full, StringComparison.Ordinal);
        Assert.Contains("[FAIL] odrl:purpose isAnyOf <research> - actual " + PurposeOfUse.PublicHealth, full, StringComparison.Ordinal);
        Assert.Contains("[ok]   odrl:spatial isPartOf \"EU\" - actual LU", full, StringComparison.Ordinal);
        var safe = decision.ToSafeReason();
        Assert.Equal("denied: purpose not permitted", safe);
        Assert.DoesNotContain("research", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_compiled_policy_evaluates_many_requests_independently()
    {
        var policy = Scenario.Compile(Policy([Rule(O + "use", [ResearchOnly])]));

        var results = Enumerable.Range(0, 200).AsParallel()
            .Select(i => policy.Evaluate(Scenario.Request() with { Purpose = i % 2 == 0 ? "research" : "treatment" }).IsPermitted == (i % 2 == 0))
            .ToList();

        Assert.All(results, Assert.True);
    }

    [Fact]
    public void Evaluation_allocates_only_its_result()
    {
        // A typical offer: five constraints over purpose, country, role, time and use count.
        var policy = Scenario.Compile(Policy([Rule(O + "use",
        [
            Constraint(O + "purpose", "isAnyOf", Id("treatment"), Id("research")),
            Constraint(O + "spatial", "isPartOf", Value("EEA")),
            Constraint(HealthPolicyIri.Role, "eq", Value("hospital")),
            Constraint(O + "dateTime", "lt", Value("2027-12-31", Xsd.Date)),
            Constraint(O + "count", "lteq", Value("100", Xsd.Integer)),
        ])]));
        var request = Scenario.Request();
        Assert.True(policy.Evaluate(request).IsPermitted);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            policy.Evaluate(request);
        }

        var perEvaluation = (GC.GetAllocatedBytesForCurrentThread() - before) / 1000;
        Assert.True(perEvaluation < 1024, $"{perEvaluation} bytes per evaluation");
    }
}
