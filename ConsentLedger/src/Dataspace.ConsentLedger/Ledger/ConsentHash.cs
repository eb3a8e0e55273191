using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Dataspace.ConsentLedger.Canonicalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>The SHA-256 of a Consent's RFC 8785 canonical JSON, in lowercase hex: equal for equal content whatever the key order or spacing.</summary>
public static class ConsentHash
{
    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);

    /// <summary>The hash of a Consent POCO, through its FHIR JSON form.</summary>
    public static string Compute(Hl7.Fhir.Model.Consent consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Serializer.Serialize(consent, writer);
        }

        return Compute(buffer.WrittenSpan);
    }

    /// <summary>The hash of a Consent as received, in UTF-8 FHIR JSON.</summary>
    /// <exception cref="JsonException">The bytes are not I-JSON.</exception>
    public static string Compute(ReadOnlySpan<byte> consentJson) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonCanonicalizer.Canonicalize(consentJson)));
}
