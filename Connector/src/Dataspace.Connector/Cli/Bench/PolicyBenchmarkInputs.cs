using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>The policy the <c>policy</c> benchmark decides: a hospital data offer with the five constraints typical of this dataspace, and the requests put to it.</summary>
public static class PolicyBenchmarkInputs
{
    /// <summary>Compact JSON-LD under the ODRL context, as an offer arrives in a DSP catalog: purpose isA treatment, spatial eq EU, role eq hospital, dateTime lt, count lteq.</summary>
    public const string OfferJsonLd = """
        {
          "@context": ["http://www.w3.org/ns/odrl.jsonld", { "health": "urn:dataspace:policy:" }],
          "@type": "Offer",
          "uid": "https://hrs.example/policies/icu-stream-treatment",
          "assigner": "did:web:hrs.example",
          "permission": [{
            "target": "https://hrs.example/ds/icu",
            "action": "use",
            "constraint": [
              { "leftOperand": "purpose", "operator": "isA", "rightOperand": "treatment" },
              { "leftOperand": "spatial", "operator": "eq", "rightOperand": "EU" },
              { "leftOperand": "health:role", "operator": "eq", "rightOperand": "hospital" },
              { "leftOperand": "dateTime", "operator": "lt", "rightOperand": { "@value": "2027-12-31T23:59:59Z", "@type": "xsd:dateTime" } },
              { "leftOperand": "count", "operator": "lteq", "rightOperand": { "@value": "100", "@type": "xsd:integer" } }
            ]
          }]
        }
        """;

    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A partner hospital in Luxembourg using the stream for emergency treatment, its fourth use: every constraint holds, and purpose and country go through their hierarchies (emergency treatment ⊂ treatment, LU ⊂ EU).</summary>
    public static PolicyRequest Permit { get; } = new()
    {
        Action = OdrlIri.Use,
        Target = "https://hrs.example/ds/icu",
        Participant = "did:web:partner-hospital.example",
        Now = Now,
        Role = "hospital",
        Country = "LU",
        Purpose = "emergency-treatment",
        AgreementTime = Now.AddMonths(-2),
        UseCount = 3,
    };

    /// <summary>A research institute in Germany asking for research: purpose and role fail, the other three hold.</summary>
    public static PolicyRequest Deny { get; } = Permit with
    {
        Participant = "did:web:research-institute.example",
        Role = "research-institute",
        Country = "DE",
        Purpose = "research",
    };

    /// <summary>Parses <see cref="OfferJsonLd"/> (expanding it with the bundled ODRL context) and compiles it against the built-in operands.</summary>
    public static CompiledPolicy Compile()
    {
        var parsed = PolicyDocument.Parse(OfferJsonLd);
        if (!parsed.IsSuccess)
        {
            throw new InvalidOperationException("The benchmark policy does not parse: " + string.Join("; ", parsed.Errors));
        }

        return CompiledPolicy.Compile(parsed.Policy, OperandRegistry.Default);
    }
}
