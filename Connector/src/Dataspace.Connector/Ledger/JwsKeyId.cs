using System.Buffers.Text;
using System.Text.Json;

namespace Dataspace.Connector.Ledger;

/// <summary>Reads the <c>kid</c> of a compact JWS header, to know which DID key to check a tree head or cosignature with.</summary>
public static class JwsKeyId
{
    /// <summary>The header's <c>kid</c>, or null when the JWS or its header is malformed.</summary>
    public static string? Read(string? jws)
    {
        var dot = jws?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(jws.AsSpan(0, dot)));
            return header.RootElement.ValueKind == JsonValueKind.Object
                && header.RootElement.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String
                ? kid.GetString()
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
