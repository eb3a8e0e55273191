using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Dataspace.ConsentLedger.Merkle;

/// <summary>A 32-byte SHA-256 value: a leaf hash, an interior node hash or a tree root.</summary>
public readonly struct MerkleHash : IEquatable<MerkleHash>
{
    /// <summary>The length of every hash in an RFC 9162 tree that uses SHA-256.</summary>
    public const int Length = SHA256.HashSizeInBytes;

    // Four words instead of a byte[] keep the value unmanaged: no allocation, and it can live in stackalloc.
    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    /// <summary>Creates a hash from exactly <see cref="Length"/> bytes.</summary>
    /// <exception cref="ArgumentException">The span is not 32 bytes long.</exception>
    public MerkleHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A Merkle hash is {Length} bytes, got {bytes.Length}.", nameof(bytes));
        }

        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    /// <summary>Reads a hash from untrusted bytes; false when the length is not 32.</summary>
    public static bool TryFromBytes(ReadOnlySpan<byte> bytes, out MerkleHash hash)
    {
        if (bytes.Length != Length)
        {
            hash = default;
            return false;
        }

        hash = new MerkleHash(bytes);
        return true;
    }

    /// <summary>Parses 64 hexadecimal digits (either case).</summary>
    /// <exception cref="FormatException">The text is not 32 bytes of hex.</exception>
    public static MerkleHash FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        return TryFromHex(hex, out var hash) ? hash : throw new FormatException("A Merkle hash is 64 hexadecimal digits.");
    }

    /// <summary>Parses 64 hexadecimal digits; false on any other input.</summary>
    public static bool TryFromHex([NotNullWhen(true)] string? hex, out MerkleHash hash)
    {
        Span<byte> bytes = stackalloc byte[Length];
        if (hex is { Length: Length * 2 } && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == Length)
        {
            hash = new MerkleHash(bytes);
            return true;
        }

        hash = default;
        return false;
    }

    /// <summary>Parses standard base64 of exactly 32 bytes.</summary>
    /// <exception cref="FormatException">The text is not base64 of 32 bytes.</exception>
    public static MerkleHash FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        return TryFromBase64(base64, out var hash) ? hash : throw new FormatException("A Merkle hash is base64 of 32 bytes.");
    }

    /// <summary>Parses standard base64 of exactly 32 bytes; false on any other input.</summary>
    public static bool TryFromBase64([NotNullWhen(true)] string? base64, out MerkleHash hash)
    {
        // One spare byte lets an over-long value decode fully and then fail the length check.
        Span<byte> bytes = stackalloc byte[Length + 1];
        if (base64 is not null && Convert.TryFromBase64String(base64, bytes, out var written) && written == Length)
        {
            hash = new MerkleHash(bytes[..Length]);
            return true;
        }

        hash = default;
        return false;
    }

    /// <summary>Writes the 32 bytes into <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination needs {Length} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>Returns a new array holding the 32 bytes.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lowercase hexadecimal, 64 characters.</summary>
    public string ToHex()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Standard base64 with padding, as used on the wire by RFC 9162 JSON APIs.</summary>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <inheritdoc/>
    public override string ToString() => ToHex();

    /// <inheritdoc/>
    public bool Equals(MerkleHash other) =>
        _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MerkleHash other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    /// <summary>Value equality.</summary>
    public static bool operator ==(MerkleHash left, MerkleHash right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(MerkleHash left, MerkleHash right) => !left.Equals(right);
}
