using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.Connector.Negotiation;

/// <summary>Reading fields of inbound DSP messages without trusting their shape.</summary>
public static class NegotiationJson
{
    private const string DspNamespace = "https://w3id.org/dspace/2025/1/";

    /// <summary>The string property <paramref name="name"/>, or null when absent or not a string.</summary>
    public static string? String(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The object property <paramref name="name"/> as a mutable node, or null.</summary>
    public static JsonObject? Object(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? JsonNode.Parse(value.GetRawText()) as JsonObject : null;

    /// <summary>True when <c>@type</c> names <paramref name="type"/>, plain or prefixed.</summary>
    public static bool HasType(JsonElement message, string type) =>
        String(message, "@type") is { } value && (value == type || value == DspNamespace + type || value == "dspace:" + type);

    /// <summary>A DSP term such as <c>ACCEPTED</c>, with a namespace or prefix removed.</summary>
    public static string? Term(JsonElement message, string name) => String(message, name) switch
    {
        null => null,
        var v when v.StartsWith(DspNamespace, StringComparison.Ordinal) => v[DspNamespace.Length..],
        var v when v.StartsWith("dspace:", StringComparison.Ordinal) => v["dspace:".Length..],
        var v => v,
    };

    /// <summary>The termination or error reasons, joined for the history.</summary>
    public static string? Reasons(JsonElement message)
    {
        if (!message.TryGetProperty("reason", out var reason))
            return null;
        var parts = reason.ValueKind == JsonValueKind.Array
            ? reason.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : r.GetRawText())
            : [reason.ValueKind == JsonValueKind.String ? reason.GetString()! : reason.GetRawText()];
        var joined = string.Join("; ", parts);
        // A peer's reason is shown to the operator, not trusted: keep it to a readable length.
        return joined.Length > 2000 ? joined[..2000] : joined;
    }

    /// <summary>SHA-256 of the message as received, to recognise a redelivery.</summary>
    public static string Digest(JsonElement message) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(message.GetRawText())));
}
