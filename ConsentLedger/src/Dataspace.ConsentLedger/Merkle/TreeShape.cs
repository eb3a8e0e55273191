using System.Numerics;

namespace Dataspace.ConsentLedger.Merkle;

// RFC 9162 splits n > 1 leaves at k, the largest power of two below n; every left part is a perfect subtree.
internal static class TreeShape
{
    /// <summary>log2 of the largest power of two strictly below <paramref name="size"/> (size ≥ 2).</summary>
    public static int SplitLevel(long size) => 63 - BitOperations.LeadingZeroCount((ulong)(size - 1));

    public static bool IsPowerOfTwo(long size) => size > 0 && (size & (size - 1)) == 0;

    /// <summary>MTH(D[start:end]) from perfect subtrees: one read per set bit of the range length.</summary>
    /// <remarks>Valid for the ranges RFC 9162 recursion produces, whose start is aligned to every chunk below.</remarks>
    public static MerkleHash RangeHash(IMerkleHashSource source, long start, long end)
    {
        var size = end - start;
        if (size == 0)
        {
            return MerkleHasher.EmptyTreeHash;
        }

        Span<MerkleHash> chunks = stackalloc MerkleHash[64];
        var count = 0;
        var offset = start;
        for (var level = 63 - BitOperations.LeadingZeroCount((ulong)size); level >= 0; level--)
        {
            var width = 1L << level;
            if ((size & width) != 0)
            {
                chunks[count++] = source.GetSubtreeHash(level, offset >> level);
                offset += width;
            }
        }

        // The smallest chunk is the deepest right child, so fold from the right.
        var hash = chunks[count - 1];
        for (var i = count - 2; i >= 0; i--)
        {
            hash = MerkleHasher.NodeHash(chunks[i], hash);
        }

        return hash;
    }
}
