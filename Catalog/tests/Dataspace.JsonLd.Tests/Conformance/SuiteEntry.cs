using System.Text.Json.Nodes;

namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>One test of a W3C JSON-LD API manifest.</summary>
internal sealed record SuiteEntry(
    string Manifest,
    string Id,
    IReadOnlyList<string> Types,
    string? Input,
    string? Expect,
    string? ExpectErrorCode,
    string? Context,
    JsonObject Option)
{
    public string FullId => $"{Manifest}#{Id.TrimStart('#')}";

    public bool IsNegative => Types.Contains("jld:NegativeEvaluationTest");

    public bool IsSyntaxOnly => Types.Contains("jld:PositiveSyntaxTest");

    public string? OptionString(string name) => Option[name]?.GetValue<string>();

    public bool? OptionBool(string name) => Option[name]?.GetValue<bool>();
}
