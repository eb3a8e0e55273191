using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// The secret of one pseudonymisation domain (one agreement): every pseudonym and date shift is an HMAC-SHA256 under it,
/// so outputs under one key are consistent and outputs under two keys cannot be linked (EDPB 01/2025).
/// </summary>
public sealed class PseudonymisationKey
{
    /// <summary>The shortest key accepted, in bytes: the HMAC-SHA256 output size, so the key is never the weak link.</summary>
    public const int MinimumLength = 32;

    /// <summary>Pseudonym length in characters: 18 MAC bytes (144 bits) encode to exactly 24 characters.</summary>
    public const int PseudonymLength = 24;

    private const int PseudonymBytes = 18;
    private const int StackLimit = 256;

    // Prefixes keep the inputs of the different uses disjoint, so a published pseudonym tells nothing about a date shift.
    private const string DateShiftInput = "date-shift|";
    private const string IdentifierInput = "identifier|";

    // One-shot HMACSHA256.HashData redoes the key schedule on every call (about 2 µs); a per-thread keyed instance reused
    // across calls costs a fraction of that. One slot per thread: switching keys on a thread only rebuilds it.
    [ThreadStatic]
    private static (PseudonymisationKey Owner, IncrementalHash Mac)? perThread;

    private readonly byte[] key;

    /// <summary>Copies <paramref name="key"/>; later changes to the caller's buffer do not affect this key.</summary>
    /// <exception cref="ArgumentException">The key is shorter than <see cref="MinimumLength"/> bytes.</exception>
    public PseudonymisationKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength)
        {
            throw new ArgumentException($"A pseudonymisation key must be at least {MinimumLength} bytes; this one has {key.Length}.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>
    /// The pseudonym of a literal reference <c>Type/id</c>: HMAC-SHA256 truncated to 144 bits, base64url with <c>_</c> written as <c>.</c>,
    /// so it matches the FHIR id pattern <c>[A-Za-z0-9\-\.]{1,64}</c>.
    /// </summary>
    public string Pseudonym(string typeAndId)
    {
        ArgumentNullException.ThrowIfNull(typeAndId);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(string.Empty, typeAndId, mac);
        return Encode(mac[..PseudonymBytes]);
    }

    /// <summary>The pseudonymised value of an identifier; the system takes part so equal values from two systems stay apart.</summary>
    public string IdentifierPseudonym(string? system, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(IdentifierInput, string.Concat(system, "|", value), mac);
        return Encode(mac[..PseudonymBytes]);
    }

    /// <summary>
    /// The date shift of one patient in days: uniform over [-<paramref name="maxDays"/>, -1] ∪ [1, <paramref name="maxDays"/>],
    /// never zero so no date is published unshifted.
    /// </summary>
    public int ShiftDays(string patientReference, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(patientReference);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDays, 1);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Mac(DateShiftInput, patientReference, mac);

        // 64 bits against a range of at most a few thousand: the modulo bias is below 2^-50.
        var draw = (int)(BitConverter.ToUInt64(mac) % (ulong)(2 * maxDays));
        return draw < maxDays ? draw - maxDays : draw - maxDays + 1;
    }

    private void Mac(string prefix, string input, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetMaxByteCount(prefix.Length + input.Length);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(prefix, buffer);
            written += Encoding.UTF8.GetBytes(input, buffer[written..]);
            var mac = KeyedMac();
            mac.AppendData(buffer[..written]);
            mac.GetHashAndReset(destination);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private IncrementalHash KeyedMac()
    {
        if (perThread is { } slot && ReferenceEquals(slot.Owner, this))
        {
            return slot.Mac;
        }

        perThread?.Mac.Dispose();
        var mac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        perThread = (this, mac);
        return mac;
    }

    private static string Encode(ReadOnlySpan<byte> bytes)
    {
        Span<char> chars = stackalloc char[PseudonymLength];
        Base64Url.EncodeToChars(bytes, chars);
        chars.Replace('_', '.');
        return new string(chars);
    }
}
