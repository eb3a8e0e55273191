using System.Text.Json;
using Dataspace.JsonLd;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Tests;

/// <summary>The same offer written in three compact forms must expand alike and decide alike.</summary>
public class PrefixEquivalenceTests
{
    // Unprefixed terms under the official ODRL 2.2 context.
    private const string UnderOdrlContext = """
        {"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "https://hrs.example/policy/eq",
         "permission": [{"target": "https://hrs.example/ds/icu", "action": "use",
           "constraint": [{"leftOperand": "purpose", "operator": "isAnyOf", "rightOperand": ["research", "treatment"]},
                          {"leftOperand": "count", "operator": "lteq", "rightOperand": {"@value": "10", "@type": "xsd:integer"}}]}]}
        """;

    // Prefixed terms under a bare prefix map, keys in another order, single values without arrays.
    private const string Prefixed = """
        {"@context": {"odrl": "http://www.w3.org/ns/odrl/2/", "xsd": "http://www.w3.org/2001/XMLSchema#"},
         "@id": "https://hrs.example/policy/eq", "@type": "odrl:Offer",
         "odrl:permission": {"odrl:action": {"@id": "odrl:use"}, "odrl:target": {"@id": "https://hrs.example/ds/icu"},
           "odrl:constraint": [{"odrl:operator": {"@id": "odrl:isAnyOf"}, "odrl:leftOperand": {"@id": "odrl:purpose"},
                                "odrl:rightOperand": ["research", "treatment"]},
                               {"odrl:leftOperand": {"@id": "odrl:count"}, "odrl:operator": {"@id": "odrl:lteq"},
                                "odrl:rightOperand": {"@value": "10", "@type": "xsd:integer"}}]}}
        """;

    // The offer inside a DSP 2025-1 contract offer message: the DSP ODRL profile has no terms for these left operands,
    // so they are prefixed, while everything else uses the profile's terms.
    private const string InDspMessage = """
        {"@context": ["https://w3id.org/dspace/2025/1/context.jsonld"], "@type": "ContractOfferMessage",
         "providerPid": "urn:uuid:provider-1", "consumerPid": "urn:uuid:consumer-1",
         "offer": {"@type": "Offer", "@id": "https://hrs.example/policy/eq", "target": "https://hrs.example/ds/icu",
           "permission": [{"action": "use",
             "constraint": [{"leftOperand": "odrl:purpose", "operator": "isAnyOf", "rightOperand": ["research", "treatment"]},
                            {"leftOperand": "odrl:count", "operator": "lteq", "rightOperand": {"@value": "10", "@type": "xsd:integer"}}]}]}}
        """;

    [Fact]
    public void Prefixed_and_unprefixed_compact_forms_expand_to_the_same_json()
    {
        using var a = JsonDocument.Parse(UnderOdrlContext);
        using var b = JsonDocument.Parse(Prefixed);

        var fromContext = JsonLdProcessor.Expand(a.RootElement);
        var fromPrefixes = JsonLdProcessor.Expand(b.RootElement);

        Assert.True(JsonElement.DeepEquals(Element(fromContext.ToJsonString()), Element(fromPrefixes.ToJsonString())));
    }

    [Theory]
    [InlineData("research", 0, Effect.Permit)]
    [InlineData("emergency-treatment", 9, Effect.Permit)]
    [InlineData("public-health", 0, Effect.Deny)]
    [InlineData("research", 10, Effect.Deny)]
    public void All_three_forms_give_the_same_decision_and_explanation(string purpose, long uses, Effect expected)
    {
        var request = Scenario.Request() with { Purpose = purpose, UseCount = uses };

        var decisions = new[] { UnderOdrlContext, Prefixed, InDspMessage }.Select(json => Compile(json).Evaluate(request)).ToList();

        Assert.All(decisions, d => Assert.Equal(expected, d.Effect));
        Assert.Single(decisions.Select(d => d.ToFullExplanation()).Distinct());
        Assert.Single(decisions.Select(d => d.ToSafeReason()).Distinct());
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static CompiledPolicy Compile(string compact)
    {
        var result = PolicyDocument.Parse(compact);
        Assert.True(result.IsSuccess, string.Join("\n", result.Errors));
        return CompiledPolicy.Compile(result.Policy, OperandRegistry.Default);
    }
}
