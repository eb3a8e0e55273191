using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests;

public class OperatorTests
{
    private const string O = OdrlIri.Ns;

    // The request has used the agreement 3 times, so this is use number 4.
    [Theory]
    [InlineData("eq", "4", true)]
    [InlineData("eq", "5", false)]
    [InlineData("neq", "5", true)]
    [InlineData("neq", "4", false)]
    [InlineData("lt", "5", true)]
    [InlineData("lt", "4", false)]
    [InlineData("lteq", "4", true)]
    [InlineData("lteq", "3", false)]
    [InlineData("gt", "3", true)]
    [InlineData("gt", "4", false)]
    [InlineData("gteq", "4", true)]
    [InlineData("gteq", "5", false)]
    public void Ordered_operators_on_count(string op, string right, bool permitted)
    {
        var decision = Scenario.Decide(Scenario.Request(), Constraint(O + "count", op, Value(right, Xsd.Integer)));

        Assert.Equal(permitted, decision.IsPermitted);
    }

    [Theory]
    [InlineData("isAnyOf", new[] { "2", "4" }, true)]
    [InlineData("isAnyOf", new[] { "1", "2" }, false)]
    [InlineData("isNoneOf", new[] { "1", "2" }, true)]
    [InlineData("isNoneOf", new[] { "4" }, false)]
    [InlineData("isAllOf", new[] { "4", "4.0" }, true)]
    [InlineData("isAllOf", new[] { "4", "5" }, false)]
    public void Set_operators_on_count(string op, string[] values, bool permitted)
    {
        var decision = Scenario.Decide(
            Scenario.Request(),
            Constraint(O + "count", op, [.. values.Select(v => Value(v, Xsd.Decimal))]));

        Assert.Equal(permitted, decision.IsPermitted);
    }

    [Theory]
    [InlineData("isA", "treatment", true)]
    [InlineData("isA", "research", false)]
    [InlineData("isPartOf", "treatment", true)]
    [InlineData("hasPart", "break-the-glass", true)]
    [InlineData("hasPart", "treatment", false)]
    public void Hierarchy_operators_on_purpose(string op, string right, bool permitted)
    {
        var request = Scenario.Request() with { Purpose = "emergency-treatment" };

        var decision = Scenario.Decide(request, Constraint(O + "purpose", op, Value(right)));

        Assert.Equal(permitted, decision.IsPermitted);
    }

    [Fact]
    public void Ordering_operator_on_a_concept_operand_denies_with_unsupported_operator()
    {
        var decision = Scenario.Decide(Scenario.Request(), Constraint(O + "purpose", "lt", Value("treatment")));

        Assert.False(decision.IsPermitted);
        var failure = Assert.Single(decision.Rules[0].Constraints);
        Assert.Equal(ConstraintFailure.UnsupportedOperator, failure.Failure);
        Assert.Equal("denied: policy constraint cannot be evaluated", decision.ToSafeReason());
    }
}
