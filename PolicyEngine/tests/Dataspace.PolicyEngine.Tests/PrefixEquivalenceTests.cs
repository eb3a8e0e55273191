using System.Text.Json;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Tests;

public class PrefixEquivalenceTests
{
    // Compact form A, unprefixed terms under the ODRL context:
    //   {"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "https://hrs.example/policy/eq",
    //    "permission": [{"target": "https://hrs.example/ds/icu", "action": "use",
    //      "constraint": [{"leftOperand": "purpose", "operator": "isAnyOf", "rightOperand": ["research", "treatment"]},
    //                     {"leftOperand": "count", "operator": "lteq", "rightOperand": {"@value": "10", "@type": "xsd:integer"}}]}]}
    private const string FromUnprefixed = """
        [{"@id": "https://hrs.example/policy/eq", "@type": ["http://www.w3.org/ns/odrl/2/Offer"],
          "http://www.w3.org/ns/odrl/2/permission": [{
            "http://www.w3.org/ns/odrl/2/target": [{"@id": "https://hrs.example/ds/icu"}],
            "http://www.w3.org/ns/odrl/2/action": [{"@id": "http://www.w3.org/ns/odrl/2/use"}],
            "http://www.w3.org/ns/odrl/2/constraint": [
              {"http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/purpose"}],
               "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/isAnyOf"}],
               "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": "research"}, {"@value": "treatment"}]},
              {"http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/count"}],
               "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/lteq"}],
               "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": "10", "@type": "http://www.w3.org/2001/XMLSchema#integer"}]}]}]}]
        """;

    // Compact form B, prefixed terms under a bare prefix map and the keys in another order:
    //   {"@context": {"odrl": "http://www.w3.org/ns/odrl/2/", "xsd": "http://www.w3.org/2001/XMLSchema#"},
    //    "@id": "https://hrs.example/policy/eq", "@type": "odrl:Offer",
    //    "odrl:permission": {"odrl:action": {"@id": "odrl:use"}, "odrl:target": {"@id": "https://hrs.example/ds/icu"},
    //      "odrl:constraint": [{"odrl:operator": {"@id": "odrl:isAnyOf"}, "odrl:leftOperand": {"@id": "odrl:purpose"},
    //                           "odrl:rightOperand": ["research", "treatment"]},
    //                          {"odrl:leftOperand": {"@id": "odrl:count"}, "odrl:operator": {"@id": "odrl:lteq"},
    //                           "odrl:rightOperand": {"@value": "10", "@type": "xsd:integer"}}]}}
    // Expansion sorts keys and puts every value in an array, so it yields the same document as A.
    private const string FromPrefixed = """
        [{"@id": "https://hrs.example/policy/eq", "@type": ["http://www.w3.org/ns/odrl/2/Offer"],
          "http://www.w3.org/ns/odrl/2/permission": [{
            "http://www.w3.org/ns/odrl/2/action": [{"@id": "http://www.w3.org/ns/odrl/2/use"}],
            "http://www.w3.org/ns/odrl/2/constraint": [
              {"http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/purpose"}],
               "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/isAnyOf"}],
               "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": "research"}, {"@value": "treatment"}]},
              {"http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "http://www.w3.org/ns/odrl/2/count"}],
               "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/lteq"}],
               "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": "10", "@type": "http://www.w3.org/2001/XMLSchema#integer"}]}],
            "http://www.w3.org/ns/odrl/2/target": [{"@id": "https://hrs.example/ds/icu"}]}]}]
        """;

    [Fact]
    public void Prefixed_and_unprefixed_compact_forms_expand_to_the_same_json()
    {
        using var a = JsonDocument.Parse(FromUnprefixed);
        using var b = JsonDocument.Parse(FromPrefixed);

        Assert.True(JsonElement.DeepEquals(a.RootElement, b.RootElement));
    }

    [Theory]
    [InlineData("research", 0, Effect.Permit)]
    [InlineData("emergency-treatment", 9, Effect.Permit)]
    [InlineData("public-health", 0, Effect.Deny)]
    [InlineData("research", 10, Effect.Deny)]
    public void Both_forms_give_the_same_decision_and_explanation(string purpose, long uses, Effect expected)
    {
        var request = Scenario.Request() with { Purpose = purpose, UseCount = uses };

        var fromUnprefixed = Compile(FromUnprefixed).Evaluate(request);
        var fromPrefixed = Compile(FromPrefixed).Evaluate(request);

        Assert.Equal(expected, fromUnprefixed.Effect);
        Assert.Equal(fromUnprefixed.Effect, fromPrefixed.Effect);
        Assert.Equal(fromUnprefixed.ToFullExplanation(), fromPrefixed.ToFullExplanation());
        Assert.Equal(fromUnprefixed.ToSafeReason(), fromPrefixed.ToSafeReason());
    }

    private static CompiledPolicy Compile(string expanded)
    {
        var result = PolicyParser.Parse(expanded);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return CompiledPolicy.Compile(result.Policy, OperandRegistry.Default);
    }
}
