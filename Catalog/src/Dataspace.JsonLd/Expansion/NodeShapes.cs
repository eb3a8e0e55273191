namespace Dataspace.JsonLd.Expansion;

/// <summary>Shape tests on expanded JSON-LD: value, list, graph and node objects.</summary>
internal static class NodeShapes
{
    public static bool IsValueObject(object? value) => value is JsonMap map && map.ContainsKey(Keywords.Value);

    public static bool IsListObject(object? value) => value is JsonMap map && map.ContainsKey(Keywords.List);

    public static bool IsGraphObject(object? value) =>
        value is JsonMap map && map.ContainsKey(Keywords.Graph)
        && map.Keys.All(k => k is Keywords.Graph or Keywords.Id or Keywords.Index or Keywords.Context);

    public static bool IsSimpleGraphObject(object? value) => IsGraphObject(value) && !((JsonMap)value!).ContainsKey(Keywords.Id);

    public static bool IsNodeObject(object? value) =>
        value is JsonMap map && !map.ContainsKey(Keywords.Value) && !map.ContainsKey(Keywords.List) && !map.ContainsKey(Keywords.Set);

    public static bool IsScalar(object? value) => value is string or double or bool;

    public static JsonList AsList(object? value) => value as JsonList ?? [value];

    /// <summary>Appends a value to an entry, always keeping the entry an array (the "add value" helper with as array = true).</summary>
    public static void AddToArray(JsonMap map, string key, object? value)
    {
        if (!map.TryGetValue(key, out var existing) || existing is not JsonList list)
        {
            list = existing is null && !map.ContainsKey(key) ? [] : [existing];
            map[key] = list;
        }

        if (value is JsonList values)
        {
            list.AddRange(values);
        }
        else
        {
            list.Add(value);
        }
    }
}
