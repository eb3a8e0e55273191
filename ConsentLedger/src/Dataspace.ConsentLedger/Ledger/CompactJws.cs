using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dataspace.ConsentLedger.Canonicalization;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>RFC 7515 compact JWS with ES256 only (RFC 7518 §3.4: P-256, SHA-256, the 64-byte R‖S signature).</summary>
internal static class CompactJws
{
    private const string Algorithm = "ES256";

    public static string Sign(ReadOnlySpan<byte> payload, string keyId, string type, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (key.KeySize != 256)
        {
            throw new ArgumentException("ES256 needs a P-256 key.", nameof(key));
        }

        var signingInput = $"{Base64Url.EncodeToString(Header(keyId, type))}.{Base64Url.EncodeToString(payload)}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    /// <summary>
    /// True only when the JWS carries exactly <paramref name="expectedPayload"/>, the header names ES256, the key id and the
    /// type, and the signature verifies. Anything malformed is simply false: the input is untrusted.
    /// </summary>
    public static bool Verify(string? jws, ReadOnlySpan<byte> expectedPayload, string keyId, string type, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (jws is null || key.KeySize != 256)
        {
            return false;
        }

        var parts = jws.Split('.');
        if (parts.Length != 3)
        {
            return false;
        }

        try
        {
            if (!HeaderIs(Base64Url.DecodeFromChars(parts[0]), keyId, type)
                || !Base64Url.DecodeFromChars(parts[1]).AsSpan().SequenceEqual(expectedPayload))
            {
                return false;
            }

            var signature = Base64Url.DecodeFromChars(parts[2]);
            var signingInput = Encoding.ASCII.GetBytes(jws[..(parts[0].Length + 1 + parts[1].Length)]);
            return signature.Length == 64
                && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return false;
        }
    }

    private static byte[] Header(string keyId, string type)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", Algorithm);
            writer.WriteString("kid", keyId);
            writer.WriteString("typ", type);
            writer.WriteEndObject();
        }

        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }

    private static bool HeaderIs(byte[] header, string keyId, string type)
    {
        using var document = JsonDocument.Parse(header);
        var root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String && alg.ValueEquals(Algorithm)
            && root.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String && kid.ValueEquals(keyId)
            && root.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String && typ.ValueEquals(type)
            // A critical extension we do not understand must make the signature unacceptable (RFC 7515 §4.1.11).
            && !root.TryGetProperty("crit", out _);
    }
}
