using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dataspace.Connector.Catalog;

/// <summary>How the management API reads and writes catalog documents: camelCase, unknown fields refused, required fields enforced.</summary>
public static class CatalogJson
{
    /// <summary>Strict options: a typo in a field name is an error, not a silently ignored setting.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        MaxDepth = 32,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads <paramref name="element"/> as <typeparamref name="T"/>, or returns the reason it cannot.</summary>
    public static (T? Value, string? Error) Read<T>(JsonElement element)
        where T : class
    {
        try
        {
            var value = element.Deserialize<T>(Options);
            return value is null ? (null, "the body is empty") : (value, null);
        }
        catch (JsonException e)
        {
            // System.Text.Json names the offending path and what was expected; it never echoes values.
            return (null, e.Message);
        }
    }
}
