using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>JSON-LD result comparison as the W3C suite defines it: arrays are unordered except under @list, numbers compare by value, language tags ignore case.</summary>
public static class JsonLdEquivalence
{
    /// <summary>True when <paramref name="actual"/> is an acceptable result for <paramref name="expected"/>.</summary>
    public static bool Equivalent(JsonNode? expected, JsonNode? actual) => Equivalent(expected, actual, key: null);

    private static bool Equivalent(JsonNode? expected, JsonNode? actual, string? key) => expected switch
    {
        null => actual is null,
        JsonObject expectedObject => actual is JsonObject actualObject
            && expectedObject.Count == actualObject.Count
            && expectedObject.All(entry => actualObject.TryGetPropertyValue(entry.Key, out var other) && Equivalent(entry.Value, other, entry.Key)),
        JsonArray expectedArray => actual is JsonArray actualArray
            && expectedArray.Count == actualArray.Count
            && (key == "@list"
                ? expectedArray.Select((item, i) => Equivalent(item, actualArray[i], null)).All(same => same)
                : UnorderedEquivalent(expectedArray, actualArray, key)),
        _ => actual is JsonValue actualValue && ScalarEquivalent(expected.AsValue(), actualValue, key),
    };

    private static bool UnorderedEquivalent(JsonArray expected, JsonArray actual, string? key)
    {
        var used = new bool[actual.Count];
        foreach (var item in expected)
        {
            var match = Enumerable.Range(0, actual.Count).FirstOrDefault(i => !used[i] && Equivalent(item, actual[i], key), -1);
            if (match < 0)
            {
                return false;
            }

            used[match] = true;
        }

        return true;
    }

    private static bool ScalarEquivalent(JsonValue expected, JsonValue actual, string? key)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => Number(expected) == Number(actual),
            JsonValueKind.String => string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), key == "@language" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal),
            _ => true,
        };
    }

    private static double Number(JsonValue value) => double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);
}
