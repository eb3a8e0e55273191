using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Consent;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>
/// How a patient appears in the ledger: HMAC-SHA256 of the normalised patient reference under the ledger key, base64url.
/// A keyed MAC, not a plain hash, because patient ids are guessable (EDPB 01/2025, reference/health.md §7).
/// </summary>
public readonly record struct PatientPseudonym(string Value)
{
    /// <summary>The shortest ledger key accepted: the HMAC-SHA256 block of security.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>The pseudonym of <paramref name="patientReference"/>; <c>Patient/1</c> and <c>https://h/fhir/Patient/1</c> give the same one.</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumKeyLength"/> bytes.</exception>
    public static PatientPseudonym Derive(ReadOnlySpan<byte> ledgerKey, string patientReference)
    {
        ArgumentNullException.ThrowIfNull(patientReference);
        if (ledgerKey.Length < MinimumKeyLength)
        {
            throw new ArgumentException($"The ledger key must be at least {MinimumKeyLength} bytes.", nameof(ledgerKey));
        }

        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(ledgerKey, Encoding.UTF8.GetBytes(FhirReference.Normalize(patientReference)), mac);
        return new PatientPseudonym(Base64Url.EncodeToString(mac));
    }

    /// <inheritdoc/>
    public override string ToString() => Value;
}
