using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Lint;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests.Lint;

public class PolicyLinterTests
{
    private const string O = OdrlIri.Ns;

    private static readonly LintContext Hospital = new()
    {
        Now = Scenario.Now,
        PhiTargets = new[] { Scenario.Asset }.ToFrozenSet(),
    };

    private static JsonObject Purpose(string op, params string[] purposes) => Constraint(O + "purpose", op, [.. purposes.Select(Id)]);

    private static JsonObject Count(string op, int n) => Constraint(O + "count", op, Value(n.ToString(System.Globalization.CultureInfo.InvariantCulture), Xsd.Integer));

    private static JsonObject Until(string op, string date) => Constraint(O + "dateTime", op, Value(date, Xsd.Date));

    private static JsonObject Pseudonymise => Rule(HealthPolicyIri.Pseudonymise, target: null);

    private static IReadOnlyList<LintFinding> Lint(JsonArray expanded, LintContext? context = null) =>
        PolicyLinter.Lint(Scenario.Parse(expanded), context ?? Hospital);

    private static LintFinding Single(IReadOnlyList<LintFinding> findings, string code) =>
        Assert.Single(findings, f => f.Code == code);

    [Fact]
    public void A_clean_health_offer_has_no_findings()
    {
        var findings = Lint(Policy(
            [Rule(O + "use", [Purpose("isAnyOf", "research"), Constraint(O + "spatial", "eq", Id("EU")), Until("lt", "2027-12-31")], duties: [Pseudonymise])],
            [Rule(O + "distribute", [Constraint(O + "spatial", "neq", Id("EU"))])]));

        Assert.Empty(findings);
    }

    [Fact]
    public void Permission_and_prohibition_on_related_actions_conflict()
    {
        var finding = Single(Lint(Policy([Rule(O + "use", [Purpose("eq", "treatment")])], [Rule(O + "distribute")])), LintCode.Conflict);

        Assert.Equal(LintSeverity.Warning, finding.Severity);
        Assert.Equal("prohibition[0]", finding.Path);
        Assert.Contains("permission[0] (odrl:use)", finding.Message, StringComparison.Ordinal);

        var usePermittedReadProhibited = Policy([Rule(O + "read", [Purpose("eq", "treatment")])], [Rule(O + "use")]);
        Assert.Single(Lint(usePermittedReadProhibited), f => f.Code == LintCode.Conflict);
    }

    [Fact]
    public void An_explicit_conflict_strategy_makes_the_conflict_informational()
    {
        var expanded = Policy([Rule(O + "use", [Purpose("eq", "treatment")])], [Rule(O + "use")]);
        expanded[0]![O + "conflict"] = new JsonArray(Id(O + "prohibit"));

        Assert.Equal(LintSeverity.Info, Single(Lint(expanded), LintCode.Conflict).Severity);
    }

    [Theory]
    [InlineData("unrelated actions")]
    [InlineData("different targets")]
    [InlineData("different purposes")]
    [InlineData("count ranges")]
    [InlineData("date ranges")]
    public void Provably_disjoint_rules_do_not_conflict(string why)
    {
        var (permission, prohibition) = why switch
        {
            "unrelated actions" => (Rule(O + "read", [Purpose("eq", "treatment")]), Rule(O + "distribute")),
            "different targets" => (Rule(O + "use", [Purpose("eq", "treatment")]), Rule(O + "use", target: "https://hrs.example/ds/other")),
            "different purposes" => (Rule(O + "use", [Purpose("eq", "treatment")]), Rule(O + "use", [Purpose("isAnyOf", "research", "public-health")])),
            "count ranges" => (Rule(O + "use", [Purpose("eq", "treatment"), Count("lteq", 10)]), Rule(O + "use", [Count("gt", 10)])),
            _ => (Rule(O + "use", [Purpose("eq", "treatment"), Until("lt", "2027-01-01")]), Rule(O + "use", [Until("gteq", "2027-01-01")])),
        };

        Assert.DoesNotContain(Lint(Policy([permission], [prohibition])), f => f.Code == LintCode.Conflict);
    }

    [Fact]
    public void Contradictory_bounds_within_an_and_are_unsatisfiable()
    {
        var finding = Single(
            Lint(Policy([Rule(O + "use", [Purpose("eq", "treatment"), Logical("and", Count("lt", 5), Count("gt", 10))])])),
            LintCode.Unsatisfiable);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("permission[0]", finding.Path);
        Assert.Contains("odrl:count gt \"10\"^^xsd:integer and odrl:count lt \"5\"^^xsd:integer cannot both hold", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eq", "treatment", "eq", "research")]
    [InlineData("eq", "LU", "neq", "EU")]
    [InlineData("isAnyOf", "treatment", "isNoneOf", "treatment")]
    public void Concept_constraints_with_no_common_value_are_unsatisfiable(string op1, string value1, string op2, string value2)
    {
        var operand = value1 is "LU" ? O + "spatial" : O + "purpose";
        var findings = Lint(Policy([Rule(O + "use", [Purpose("eq", "treatment"), Constraint(operand, op1, Id(value1)), Constraint(operand, op2, Id(value2))])]));

        Assert.Equal(LintSeverity.Error, Single(findings, LintCode.Unsatisfiable).Severity);
    }

    [Fact]
    public void Overlapping_concepts_and_open_ranges_are_satisfiable()
    {
        var findings = Lint(Policy([Rule(O + "use", [
            Purpose("eq", "treatment"),
            Purpose("isA", "emergency-treatment"),
            Constraint(O + "spatial", "eq", Id("EU")),
            Constraint(O + "spatial", "eq", Id("EEA")),
            Count("gteq", 5),
            Count("lteq", 5),
            Constraint(O + "elapsedTime", "lt", Value("P1M", Xsd.Duration)),
            Constraint(O + "elapsedTime", "gt", Value("P30D", Xsd.Duration)),
        ])]));

        Assert.Empty(findings);
    }

    [Fact]
    public void Day_durations_that_cannot_overlap_are_unsatisfiable()
    {
        var findings = Lint(Policy([Rule(O + "use", [
            Purpose("eq", "treatment"),
            Constraint(O + "elapsedTime", "lt", Value("P30D", Xsd.Duration)),
            Constraint(O + "elapsedTime", "gt", Value("P60D", Xsd.Duration)),
        ])]));

        Single(findings, LintCode.Unsatisfiable);
    }

    [Fact]
    public void A_date_time_upper_bound_in_the_past_is_unsatisfiable_only_with_a_clock()
    {
        var expired = Policy([Rule(O + "use", [Purpose("eq", "treatment"), Until("lt", "2020-01-01")])]);

        var finding = Single(Lint(expired), LintCode.Unsatisfiable);
        Assert.Contains("can no longer hold", finding.Message, StringComparison.Ordinal);
        Assert.Empty(Lint(expired, Hospital with { Now = null }));
    }

    [Fact]
    public void A_dead_or_branch_and_a_dead_prohibition_are_warnings()
    {
        var findings = Lint(Policy(
            [Rule(O + "use", [Logical("or", Purpose("eq", "treatment"), Logical("and", Count("lt", 5), Count("gt", 10)))])],
            [Rule(O + "distribute", [Count("lt", 1), Count("gt", 1)])]));

        var unsatisfiable = findings.Where(f => f.Code == LintCode.Unsatisfiable).ToList();
        Assert.Equal(["permission[0].constraint[0].or[1]", "prohibition[0]"], unsatisfiable.Select(f => f.Path));
        Assert.All(unsatisfiable, f => Assert.Equal(LintSeverity.Warning, f.Severity));
        Assert.DoesNotContain(findings, f => f.Code == LintCode.Conflict);
    }

    [Fact]
    public void A_date_time_lower_bound_in_the_past_no_longer_restricts()
    {
        var finding = Single(Lint(Policy([Rule(O + "use", [Purpose("eq", "treatment"), Until("gteq", "2020-01-01")])])), LintCode.DateInPast);

        Assert.Equal(LintSeverity.Info, finding.Severity);
        Assert.Equal("permission[0].constraint[1]", finding.Path);
    }

    [Fact]
    public void Phi_offered_without_a_binding_purpose_constraint_is_an_error()
    {
        var noPurpose = Single(Lint(Policy([Rule(O + "use", [Count("lteq", 10)])])), LintCode.PhiWithoutPurpose);
        Assert.Equal(LintSeverity.Error, noPurpose.Severity);
        Assert.Equal("permission[0]", noPurpose.Path);

        var purposeInOneBranch = Policy([Rule(O + "use", [Logical("or", Purpose("eq", "treatment"), Count("lteq", 10))])]);
        Single(Lint(purposeInOneBranch), LintCode.PhiWithoutPurpose);

        var purposeInEveryBranch = Policy([Rule(O + "use", [Logical("xone", Purpose("eq", "treatment"), Logical("and", Purpose("eq", "public-health"), Count("lteq", 10)))])]);
        Assert.Empty(Lint(purposeInEveryBranch));

        var notPhi = Policy([Rule(O + "use", target: "https://hrs.example/ds/opening-hours")]);
        Assert.Empty(Lint(notPhi));
    }

    [Fact]
    public void A_rule_without_target_governs_phi_when_the_policy_is_bound_to_phi()
    {
        var targetless = Policy([Rule(O + "use", target: null)]);

        Assert.Empty(Lint(targetless));
        Single(Lint(targetless, Hospital with { AppliesToPhi = true }), LintCode.PhiWithoutPurpose);
    }

    [Theory]
    [InlineData("research")]
    [InlineData("clinical-trial-research")]
    [InlineData("research-and-development")]
    public void Research_without_a_pseudonymisation_duty_is_flagged(string purpose)
    {
        var research = Policy([Rule(O + "use", [Purpose("isAnyOf", "treatment", purpose)])]);

        Assert.Equal(LintSeverity.Error, Single(Lint(research), LintCode.ResearchWithoutPseudonymisation).Severity);
        var nonPhi = Lint(research, Hospital with { PhiTargets = FrozenSet<string>.Empty });
        Assert.Equal(LintSeverity.Warning, Single(nonPhi, LintCode.ResearchWithoutPseudonymisation).Severity);
    }

    [Fact]
    public void A_deidentification_duty_or_obligation_satisfies_research_and_treatment_needs_none()
    {
        Assert.Empty(Lint(Policy([Rule(O + "use", [Purpose("eq", "research")], duties: [Pseudonymise])])));
        Assert.Empty(Lint(Policy([Rule(O + "use", [Purpose("eq", "research")])], obligations: [Rule(O + "anonymize", target: null)])));
        Assert.Empty(Lint(Policy([Rule(O + "use", [Purpose("eq", "treatment")])])));
    }

    [Fact]
    public void Unknown_left_operands_are_errors_wherever_they_are()
    {
        const string MinCellCount = "https://hrs.example/policy#minCellCount";
        var expanded = Policy([Rule(O + "use", [Logical("and", Purpose("eq", "treatment"), Constraint(MinCellCount, "gteq", Value("10", Xsd.Integer)))])]);

        var finding = Single(Lint(expanded), LintCode.UnknownLeftOperand);
        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("permission[0].constraint[0].and[1]", finding.Path);

        var registered = Hospital with { Registry = OperandRegistry.Default.With(LeftOperand.FromClaim(MinCellCount, "cell count", OperandType.Number)) };
        Assert.Empty(Lint(expanded, registered));
    }

    [Fact]
    public void A_duty_without_an_action_is_an_error()
    {
        var duty = new Duty(null, new OdrlAction(""), null, null, null, []);
        var permission = new Permission(null, new OdrlAction(O + "use"), new Asset("https://hrs.example/ds/opening-hours"), null, null, [], [duty]);
        var policy = new Policy("https://hrs.example/policy/1", PolicyType.Offer, [], null, null, null, ConflictStrategy.Invalid, [permission], [], []);

        var finding = Single(PolicyLinter.Lint(policy), LintCode.DutyWithoutAction);

        Assert.Equal(LintSeverity.Error, finding.Severity);
        Assert.Equal("permission[0].duty[0]", finding.Path);
    }
}
