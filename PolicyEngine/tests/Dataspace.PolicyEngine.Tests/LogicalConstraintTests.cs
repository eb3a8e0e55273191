using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests;

public class LogicalConstraintTests
{
    private const string O = OdrlIri.Ns;


    private static JsonObject PurposeIs(string purpose) => Constraint(O + "purpose", "eq", Id(purpose));

    private static JsonObject CountryIn(string group) => Constraint(O + "spatial", "isPartOf", Value(group));

    [Theory]
    [InlineData("and", true, true, true)]
    [InlineData("and", true, false, false)]
    [InlineData("or", true, false, true)]
    [InlineData("or", false, false, false)]
    [InlineData("xone", true, false, true)]
    [InlineData("xone", true, true, false)]
    [InlineData("xone", false, false, false)]
    [InlineData("andSequence", true, true, true)]
    [InlineData("andSequence", true, false, false)]
    public void Logical_operators(string op, bool first, bool second, bool expected)
    {
        var logical = Logical(op, PurposeIs(first ? "treatment" : "research"), CountryIn(second ? "EU" : "US"));

        var decision = Scenario.Decide(Scenario.Request(), logical);

        Assert.Equal(expected, decision.IsPermitted);
        Assert.Equal(2, decision.Rules[0].Constraints[0].Children.Count);
    }

    [Fact]
    public void AndSequence_stops_at_the_first_failure_and_reports_the_rest_as_not_evaluated()
    {
        var decision = Scenario.Decide(Scenario.Request(), Logical("andSequence", PurposeIs("research"), CountryIn("EU")));

        var children = decision.Rules[0].Constraints[0].Children;
        Assert.Equal(ConstraintFailure.NotSatisfied, children[0].Failure);
        Assert.Equal(ConstraintFailure.NotEvaluated, children[1].Failure);
        Assert.Equal("denied: purpose not permitted", decision.ToSafeReason());
    }

    [Fact]
    public void Nested_logical_constraints()
    {
        var nested = Logical("and", Logical("or", PurposeIs("research"), PurposeIs("emergency-treatment")), CountryIn("EEA"));

        Assert.True(Scenario.Decide(Scenario.Request() with { Purpose = "BTG" }, nested).IsPermitted);
        Assert.False(Scenario.Decide(Scenario.Request(), nested).IsPermitted);
    }
}
