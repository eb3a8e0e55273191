using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>JSON-LD object comparison as the test suite prescribes: arrays are unordered except @list, numbers by value, language tags case-insensitive.</summary>
internal static class JsonLdComparison
{
    public static bool AreEquivalent(JsonNode? expected, JsonNode? actual, bool ordered = false, string? key = null)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case JsonObject expectedObject:
                if (actual is not JsonObject actualObject || expectedObject.Count != actualObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in expectedObject)
                {
                    if (!actualObject.TryGetPropertyValue(name, out var other) || !AreEquivalent(value, other, name == "@list", name))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray expectedArray:
                if (actual is not JsonArray actualArray || expectedArray.Count != actualArray.Count)
                {
                    return false;
                }

                return ordered ? OrderedEqual(expectedArray, actualArray, key) : UnorderedEqual(expectedArray, actualArray, key);
            default:
                return actual is JsonValue && ScalarEqual(expected.AsValue(), actual.AsValue(), key);
        }
    }

    private static bool OrderedEqual(JsonArray expected, JsonArray actual, string? key)
    {
        for (var i = 0; i < expected.Count; i++)
        {
            if (!AreEquivalent(expected[i], actual[i], false, key))
            {
                return false;
            }
        }

        return true;
    }

    private static bool UnorderedEqual(JsonArray expected, JsonArray actual, string? key)
    {
        var used = new bool[actual.Count];
        foreach (var item in expected)
        {
            var found = false;
            for (var i = 0; i < actual.Count; i++)
            {
                if (!used[i] && AreEquivalent(item, actual[i], false, key))
                {
                    used[i] = true;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static double Number(JsonValue value) =>
        double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);

    private static bool ScalarEqual(JsonValue expected, JsonValue actual, string? key)
    {
        var kind = expected.GetValueKind();
        if (kind != actual.GetValueKind())
        {
            return false;
        }

        return kind switch
        {
            JsonValueKind.Number => Number(expected).Equals(Number(actual)),
            JsonValueKind.String when key == "@language" =>
                string.Equals(expected.GetValue<string>(), actual.GetValue<string>(), StringComparison.OrdinalIgnoreCase),
            JsonValueKind.String => expected.GetValue<string>() == actual.GetValue<string>(),
            _ => true,
        };
    }
}
