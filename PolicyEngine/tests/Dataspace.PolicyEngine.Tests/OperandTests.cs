using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests;

public class OperandTests
{
    private const string O = OdrlIri.Ns;

    [Theory]
    [InlineData("emergency-treatment", "treatment", true)]
    [InlineData("ETREAT", PurposeOfUse.Treatment, true)]
    [InlineData(PurposeOfUse.BreakTheGlass, "treatment", true)]
    [InlineData("treatment", "emergency-treatment", false)]
    [InlineData("research", PurposeOfUse.ScientificResearch, true)]
    [InlineData("clinical-trial-research", "research", true)]
    [InlineData("public-health", "research", false)]
    [InlineData("https://other.example/purpose", "treatment", false)]
    public void Purpose_eq_respects_the_hierarchy_and_aliases(string requested, string permitted, bool expected)
    {
        var request = Scenario.Request() with { Purpose = requested };

        var decision = Scenario.Decide(request, Constraint(O + "purpose", "eq", Id(permitted)));

        Assert.Equal(expected, decision.IsPermitted);
    }

    [Fact]
    public void Purpose_isAnyOf_and_isNoneOf_use_the_hierarchy()
    {
        var request = Scenario.Request() with { Purpose = "clinical-trial-research" };

        Assert.True(Scenario.Decide(request, Constraint(O + "purpose", "isAnyOf", Id("treatment"), Id(PurposeOfUse.ScientificResearch))).IsPermitted);
        Assert.False(Scenario.Decide(request, Constraint(O + "purpose", "isNoneOf", Id("research"))).IsPermitted);
        Assert.True(Scenario.Decide(request, Constraint(O + "purpose", "neq", Id("treatment"))).IsPermitted);
    }

    [Fact]
    public void Missing_purpose_denies_with_purpose_not_provided()
    {
        var decision = Scenario.Decide(Scenario.Request() with { Purpose = null }, Constraint(O + "purpose", "eq", Id("treatment")));

        Assert.False(decision.IsPermitted);
        Assert.Equal("denied: purpose not provided", decision.ToSafeReason());
    }

    [Theory]
    [InlineData("LU", "EU", true)]
    [InlineData("lu", "EU", true)]
    [InlineData("NO", "EEA", true)]
    [InlineData("NO", "EU", false)]
    [InlineData("CH", "EEA", false)]
    [InlineData("EL", "EU", true)]
    [InlineData("DE", Countries.EuAuthority + "DEU", true)]
    [InlineData("FR", Countries.EuAuthority + "DEU", false)]
    public void Spatial_country_within_EU_and_EEA(string country, string permitted, bool expected)
    {
        var request = Scenario.Request() with { Country = country };

        var decision = Scenario.Decide(request, Constraint(O + "spatial", "isPartOf", Value(permitted)));

        Assert.Equal(expected, decision.IsPermitted);
    }

    [Fact]
    public void Recipient_is_the_callers_participant_did()
    {
        Assert.True(Scenario.Decide(Scenario.Request(), Constraint(O + "recipient", "eq", Id(Scenario.Caller))).IsPermitted);
        Assert.False(Scenario.Decide(Scenario.Request(), Constraint(O + "recipient", "eq", Id("did:web:other.example"))).IsPermitted);
    }

    [Fact]
    public void Role_comes_from_the_callers_claims()
    {
        var constraint = Constraint(HealthPolicyIri.Role, "isAnyOf", Value("hospital"), Value("research-institute"));

        Assert.True(Scenario.Decide(Scenario.Request(), constraint).IsPermitted);
        Assert.False(Scenario.Decide(Scenario.Request() with { Role = "insurer" }, constraint).IsPermitted);
        Assert.Equal("denied: role not provided", Scenario.Decide(Scenario.Request() with { Role = null }, constraint).ToSafeReason());
    }

    [Theory]
    [InlineData("2026-12-31", Xsd.Date, true)]
    [InlineData("2026-11-30T08:00:00Z", Xsd.DateTime, false)]
    [InlineData("2026-11-30T09:00:00+02:00", Xsd.DateTime, false)]
    [InlineData("2026-11-30T09:00:01+01:00", Xsd.DateTime, true)]
    [InlineData("2023-12-31T06:00Z", null, false)]
    public void DateTime_lt_compares_instants_including_zones_and_dates(string right, string? type, bool expected)
    {
        var decision = Scenario.Decide(Scenario.Request(), Constraint(O + "dateTime", "lt", Value(right, type)));

        Assert.Equal(expected, decision.IsPermitted);
    }

    [Theory]
    [InlineData("P6M", true)]
    [InlineData("P5M30D", false)]
    [InlineData("P1Y", true)]
    [InlineData("PT4000H", false)]
    public void ElapsedTime_since_agreement_uses_calendar_durations(string limit, bool expected)
    {
        // The agreement was concluded exactly six months before Now.
        var decision = Scenario.Decide(Scenario.Request(), Constraint(O + "elapsedTime", "lteq", Value(limit, Xsd.Duration)));

        Assert.Equal(expected, decision.IsPermitted);
    }

    [Fact]
    public void ElapsedTime_without_an_agreement_time_is_not_provided()
    {
        var decision = Scenario.Decide(
            Scenario.Request() with { AgreementTime = null },
            Constraint(O + "elapsedTime", "lteq", Value("P1Y", Xsd.Duration)));

        Assert.Equal("denied: usage period not provided", decision.ToSafeReason());
    }

    [Fact]
    public void Count_lteq_allows_exactly_that_many_uses()
    {
        var limit = Constraint(O + "count", "lteq", Value("10", Xsd.Integer));

        Assert.True(Scenario.Decide(Scenario.Request() with { UseCount = 9 }, limit).IsPermitted);
        Assert.False(Scenario.Decide(Scenario.Request() with { UseCount = 10 }, limit).IsPermitted);
    }

    [Fact]
    public void Consent_for_purpose_is_checked_against_the_consented_purposes()
    {
        var consent = Constraint(HealthPolicyIri.ConsentForPurpose, "eq", Value("true", Xsd.Boolean));
        var research = Scenario.Request() with { Purpose = "clinical-trial-research" };

        Assert.True(Scenario.Decide(research with { ConsentedPurposes = [PurposeOfUse.HealthResearch] }, consent).IsPermitted);
        var denied = Scenario.Decide(research with { ConsentedPurposes = ["treatment"] }, consent);
        Assert.False(denied.IsPermitted);
        Assert.Equal("denied: consent not permitted", denied.ToSafeReason());
    }

    [Fact]
    public void Unknown_left_operand_denies_with_a_reason_and_no_exception()
    {
        var decision = Scenario.Decide(Scenario.Request(), Constraint("https://hrs.example/vocab#shoeSize", "eq", Value("42")));

        Assert.False(decision.IsPermitted);
        var report = Assert.Single(decision.Rules[0].Constraints);
        Assert.Equal(ConstraintFailure.UnknownLeftOperand, report.Failure);
        Assert.Contains("shoeSize is not registered", report.Describe(), StringComparison.Ordinal);
        Assert.Equal("denied: policy constraint cannot be evaluated", decision.ToSafeReason());
    }

    [Theory]
    [InlineData(OdrlIri.Count, "many", null)]
    [InlineData(OdrlIri.Count, "https://example.org/five", "iri")]
    [InlineData(OdrlIri.DateTime, "next tuesday", null)]
    [InlineData(OdrlIri.ElapsedTime, "two years", null)]
    [InlineData(OdrlIri.Purpose, "7", Xsd.Integer)]
    [InlineData(HealthPolicyIri.ConsentForPurpose, "yes", null)]
    public void Right_operand_of_the_wrong_type_for_the_operand_denies_with_type_mismatch(string leftOperand, string right, string? kind)
    {
        var value = kind == "iri" ? Id(right) : Value(right, kind);

        var decision = Scenario.Decide(Scenario.Request(), Constraint(leftOperand, "eq", value));

        Assert.False(decision.IsPermitted);
        Assert.Equal(ConstraintFailure.TypeMismatch, Assert.Single(decision.Rules[0].Constraints).Failure);
    }

    [Fact]
    public void Right_operand_reference_is_not_dereferenced_and_denies()
    {
        var constraint = new JsonObject
        {
            [O + "leftOperand"] = new JsonArray(Id(O + "purpose")),
            [O + "operator"] = new JsonArray(Id(O + "eq")),
            [O + "rightOperandReference"] = new JsonArray(Value("https://hrs.example/purposes", Xsd.AnyUri)),
        };

        var decision = Scenario.Decide(Scenario.Request(), constraint);

        Assert.Equal(ConstraintFailure.UnresolvedReference, Assert.Single(decision.Rules[0].Constraints).Failure);
    }

    [Fact]
    public void Default_registry_holds_the_built_in_operands()
    {
        string[] expected =
        [
            OdrlIri.Purpose, OdrlIri.Recipient, HealthPolicyIri.Role, OdrlIri.Spatial,
            OdrlIri.DateTime, OdrlIri.ElapsedTime, OdrlIri.Count, HealthPolicyIri.ConsentForPurpose,
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), OperandRegistry.Default.Operands.Select(o => o.Iri).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Registry_seam_accepts_custom_operands_and_contains_faulty_ones()
    {
        const string CellCount = "https://hrs.example/vocab#minCellCount";
        const string Broken = "https://hrs.example/vocab#broken";
        var registry = OperandRegistry.Default
            .With(LeftOperand.FromClaim(CellCount, "cell count", OperandType.Number))
            .With(new LeftOperand(Broken, "broken", OperandType.Number, _ => throw new InvalidOperationException("bug")));
        var policy = Scenario.Compile(Policy([Rule(O + "use", [Constraint(CellCount, "gteq", Value("10", Xsd.Integer))])]), registry);
        var brokenPolicy = Scenario.Compile(Policy([Rule(O + "use", [Constraint(Broken, "gteq", Value("1"))])]), registry);

        Assert.True(policy.Evaluate(Scenario.Request() with { Claims = new Dictionary<string, string> { [CellCount] = "11" } }).IsPermitted);
        Assert.False(policy.Evaluate(Scenario.Request() with { Claims = new Dictionary<string, string> { [CellCount] = "9" } }).IsPermitted);
        Assert.Equal("denied: cell count not provided", policy.Evaluate(Scenario.Request()).ToSafeReason());
        Assert.Equal(ConstraintFailure.OperandError, Assert.Single(brokenPolicy.Evaluate(Scenario.Request()).Rules[0].Constraints).Failure);
    }
}
