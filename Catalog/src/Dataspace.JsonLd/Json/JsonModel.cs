using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.JsonLd.Json;

/// <summary>Converts between System.Text.Json and the internal object model (JsonMap, JsonList, string, double, bool, null).</summary>
internal static class JsonModel
{
    public static object? Parse(ReadOnlyMemory<byte> utf8, JsonLdLimits limits, string errorCode, string source)
    {
        if (utf8.Length > limits.MaxDocumentSize)
        {
            throw new JsonLdException(errorCode, $"'{source}' is larger than the limit of {limits.MaxDocumentSize} bytes");
        }

        try
        {
            // The reader's own depth limit is one above ours so that our clearer error wins.
            using var document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth + 1 });
            return FromElement(document.RootElement, limits.MaxJsonDepth, 0);
        }
        catch (JsonException e)
        {
            throw new JsonLdException(errorCode, $"'{source}' is not valid JSON: {e.Message}", e);
        }
    }

    public static object? FromElement(JsonElement element, int maxDepth, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                CheckDepth(maxDepth, depth);
                var map = new JsonMap();
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromElement(property.Value, maxDepth, depth + 1);
                }

                return map;
            case JsonValueKind.Array:
                CheckDepth(maxDepth, depth);
                var list = new JsonList(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromElement(item, maxDepth, depth + 1));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    public static object? FromNode(JsonNode? node, int maxDepth, int depth)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                CheckDepth(maxDepth, depth);
                var map = new JsonMap(obj.Count);
                foreach (var (key, entry) in obj)
                {
                    map[key] = FromNode(entry, maxDepth, depth + 1);
                }

                return map;
            case JsonArray array:
                CheckDepth(maxDepth, depth);
                var list = new JsonList(array.Count);
                foreach (var item in array)
                {
                    list.Add(FromNode(item, maxDepth, depth + 1));
                }

                return list;
            default:
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => null,
                };
        }
    }

    public static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonMap map => ToObject(map),
        JsonList list => new JsonArray(list.Select(ToNode).ToArray()),
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        double d => IsInteger(d) && Math.Abs(d) < 9.007199254740992E15 ? JsonValue.Create((long)d) : JsonValue.Create(d),
        _ => throw new InvalidOperationException($"unexpected value of type {value.GetType()} in the JSON-LD object model"),
    };

    public static bool IsInteger(double d) => !double.IsInfinity(d) && Math.Floor(d) == d;

    public static bool DeepEquals(object? a, object? b)
    {
        switch (a)
        {
            case JsonMap ma when b is JsonMap mb:
                if (ma.Count != mb.Count)
                {
                    return false;
                }

                foreach (var (key, value) in ma)
                {
                    if (!mb.TryGetValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonList la when b is JsonList lb:
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEquals(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            case null:
                return b is null;
            default:
                return a.Equals(b);
        }
    }

    private static JsonObject ToObject(JsonMap map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map)
        {
            obj[key] = ToNode(value);
        }

        return obj;
    }

    private static void CheckDepth(int maxDepth, int depth)
    {
        if (depth >= maxDepth)
        {
            throw new JsonLdException(JsonLdErrorCode.ProcessingLimitExceeded, $"JSON nesting is deeper than the limit of {maxDepth}");
        }
    }
}
