using System.Buffers;
using System.Security.Cryptography;

namespace Dataspace.ConsentLedger.Merkle;

/// <summary>The RFC 9162 §2.1.1 hashing rules with SHA-256, domain-separated so a leaf can never pass for a node.</summary>
public static class MerkleHasher
{
    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    // Entries up to this size are hashed from a stack buffer; larger ones borrow a pooled array.
    private const int StackLimit = 512;

    /// <summary>MTH({}) = SHA-256(""), the root of the empty tree.</summary>
    public static MerkleHash EmptyTreeHash { get; } = new(SHA256.HashData(ReadOnlySpan<byte>.Empty));

    /// <summary>MTH({d}) = SHA-256(0x00 || d).</summary>
    public static MerkleHash LeafHash(ReadOnlySpan<byte> leafData)
    {
        var length = leafData.Length + 1;
        byte[]? rented = null;
        Span<byte> input = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            input[0] = LeafPrefix;
            leafData.CopyTo(input[1..]);
            Span<byte> digest = stackalloc byte[MerkleHash.Length];
            SHA256.HashData(input[..length], digest);
            return new MerkleHash(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>SHA-256(0x01 || left || right), the hash of an interior node.</summary>
    public static MerkleHash NodeHash(MerkleHash left, MerkleHash right)
    {
        Span<byte> input = stackalloc byte[1 + (2 * MerkleHash.Length)];
        input[0] = NodePrefix;
        left.CopyTo(input[1..]);
        right.CopyTo(input[(1 + MerkleHash.Length)..]);
        Span<byte> digest = stackalloc byte[MerkleHash.Length];
        SHA256.HashData(input, digest);
        return new MerkleHash(digest);
    }
}
