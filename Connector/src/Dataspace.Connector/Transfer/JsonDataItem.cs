using System.Collections.Immutable;
using System.Text.Json;
using Dataspace.ConsentLedger.Consent;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The facts a consent's residual filters judge (type, reference; for Observations codes, categories and effective
/// date), read from a resource's JSON without building Firely's model, at a fraction of a full parse.
/// </summary>
public static class JsonDataItem
{
    /// <summary>The consent-relevant facts of the resource in <paramref name="json"/> (UTF-8).</summary>
    public static DataItem Of(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var type = root.GetProperty("resourceType").GetString()!;
        var item = new DataItem { ResourceType = type, Reference = type + "/" + String(root, "id") };
        if (type != "Observation")
            return item;
        var classes = ImmutableArray.CreateBuilder<CodeKey>();
        if (root.TryGetProperty("category", out var categories) && categories.ValueKind == JsonValueKind.Array)
        {
            foreach (var category in categories.EnumerateArray())
                AddCodings(category, classes);
        }
        var codes = ImmutableArray.CreateBuilder<CodeKey>();
        if (root.TryGetProperty("code", out var code))
            AddCodings(code, codes);
        // As the model reads it: effectiveDateTime, or effectivePeriod.start; an instant or a timing gives no date.
        var effective = String(root, "effectiveDateTime")
            ?? (root.TryGetProperty("effectivePeriod", out var period) && period.ValueKind == JsonValueKind.Object ? String(period, "start") : null);
        return item with
        {
            Codes = codes.ToImmutable(),
            Classes = classes.ToImmutable(),
            Date = FhirInstant.TryParse(effective, out var span) ? span.Start : null,
        };
    }

    private static void AddCodings(JsonElement concept, ImmutableArray<CodeKey>.Builder keys)
    {
        if (concept.ValueKind != JsonValueKind.Object || !concept.TryGetProperty("coding", out var codings) || codings.ValueKind != JsonValueKind.Array)
            return;
        foreach (var coding in codings.EnumerateArray())
            keys.Add(new CodeKey(CodeSystems.Canonical(String(coding, "system")), String(coding, "code") ?? string.Empty));
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
