using System.Text.Json;
using Dataspace.JsonLd;

namespace Dataspace.PolicyEngine.Odrl;

/// <summary>Reads an ODRL policy from JSON-LD in any form (compact under any context, expanded, flattened): expands it, then parses.</summary>
/// <remarks>
/// Expansion turns every compact spelling (<c>odrl:permission</c>, <c>permission</c> under the ODRL or DSP context) into
/// the same full IRIs, so the parser sees one shape. Contexts are loaded through <see cref="JsonLdOptions.DocumentLoader"/>,
/// which by default serves only the bundled contexts and never touches the network.
/// </remarks>
public static class PolicyDocument
{
    /// <summary>Parses JSON-LD text; invalid JSON and JSON-LD errors become <see cref="ParseError"/>s like any ODRL finding.</summary>
    public static PolicyParseResult Parse(string json, JsonLdOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Parse(document.RootElement, options);
        }
        catch (JsonException e)
        {
            return new PolicyParseResult(null, [new ParseError("$", $"not valid JSON: {e.Message}")]);
        }
    }

    /// <summary>Expands <paramref name="document"/> with the JSON-LD 1.1 processor and parses the result.</summary>
    public static PolicyParseResult Parse(JsonElement document, JsonLdOptions? options = null)
    {
        string expanded;
        try
        {
            expanded = JsonLdProcessor.Expand(document, options).ToJsonString();
        }
        catch (JsonLdException e)
        {
            return new PolicyParseResult(null, [new ParseError("$", $"JSON-LD expansion failed: {e.Message}") { JsonLdCode = e.Code }]);
        }

        return PolicyParser.Parse(expanded);
    }
}
