using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Tests;

/// <summary>Shared request defaults and parse-compile-evaluate shortcuts for the tests.</summary>
internal static class Scenario
{
    public const string Asset = "https://hrs.example/ds/icu";
    public const string Caller = "did:web:partner.example";
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public static PolicyRequest Request(string action = OdrlIri.Use) => new()
    {
        Action = action,
        Target = Asset,
        Participant = Caller,
        Now = Now,
        Role = "hospital",
        Country = "LU",
        Purpose = "treatment",
        AgreementTime = Now.AddMonths(-6),
        UseCount = 3,
    };

    public static Policy Parse(JsonNode expanded)
    {
        using var document = JsonDocument.Parse(expanded.ToJsonString());
        var result = PolicyParser.Parse(document.RootElement);
        Assert.True(result.IsSuccess, string.Join(Environment.NewLine, result.Errors));
        return result.Policy;
    }

    public static CompiledPolicy Compile(JsonNode expanded, OperandRegistry? registry = null) =>
        CompiledPolicy.Compile(Parse(expanded), registry ?? OperandRegistry.Default);

    /// <summary>One permission to use the asset under the given constraints (cloned, so tests may reuse them).</summary>
    public static PolicyDecision Decide(PolicyRequest request, params JsonObject[] constraints) =>
        Compile(Expanded.Policy([Expanded.Rule(OdrlIri.Use, [.. constraints.Select(c => c.DeepClone().AsObject())])])).Evaluate(request);
}
