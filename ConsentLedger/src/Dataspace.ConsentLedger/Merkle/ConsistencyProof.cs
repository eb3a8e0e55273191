using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Merkle;

/// <summary>An RFC 9162 §2.1.4 consistency proof: the tree of the second size extends the tree of the first size.</summary>
public sealed class ConsistencyProof
{
    /// <summary>Wraps a consistency path received from elsewhere; nothing is checked until verification.</summary>
    public ConsistencyProof(long firstTreeSize, long secondTreeSize, ImmutableArray<MerkleHash> consistencyPath)
    {
        FirstTreeSize = firstTreeSize;
        SecondTreeSize = secondTreeSize;
        ConsistencyPath = consistencyPath.IsDefault ? [] : consistencyPath;
    }

    /// <summary>The size of the older tree.</summary>
    public long FirstTreeSize { get; }

    /// <summary>The size of the newer tree.</summary>
    public long SecondTreeSize { get; }

    /// <summary>The subtree hashes of PROOF(first, D[second]), deepest first.</summary>
    public ImmutableArray<MerkleHash> ConsistencyPath { get; }

    /// <summary>Builds PROOF(first, D[second]) = SUBPROOF(first, D[second], true) from stored subtrees with O(log n) reads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unless 1 ≤ first ≤ second.</exception>
    public static ConsistencyProof Create(IMerkleHashSource source, long firstTreeSize, long secondTreeSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstTreeSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstTreeSize, secondTreeSize);

        // Every step splits at a strictly lower level than the last, so at most 63 steps plus the final subtree.
        Span<MerkleHash> rootFirst = stackalloc MerkleHash[64];
        var count = 0;
        long start = 0;
        var size = secondTreeSize;
        var m = firstTreeSize;
        var startFromOldRoot = true;
        while (m != size)
        {
            var level = TreeShape.SplitLevel(size);
            var split = 1L << level;
            if (m <= split)
            {
                rootFirst[count++] = TreeShape.RangeHash(source, start + split, start + size);
                size = split;
            }
            else
            {
                rootFirst[count++] = source.GetSubtreeHash(level, start >> level);
                start += split;
                size -= split;
                m -= split;
                startFromOldRoot = false;
            }
        }

        // When the old tree is itself a subtree of the new one, the verifier already holds its hash.
        if (!startFromOldRoot)
        {
            rootFirst[count++] = TreeShape.RangeHash(source, start, start + size);
        }

        var path = ImmutableArray.CreateBuilder<MerkleHash>(count);
        for (var i = count - 1; i >= 0; i--)
        {
            path.Add(rootFirst[i]);
        }

        return new ConsistencyProof(firstTreeSize, secondTreeSize, path.MoveToImmutable());
    }

    /// <summary>True when this path proves the tree with <paramref name="secondRootHash"/> extends the one with <paramref name="firstRootHash"/>.</summary>
    public bool Verify(MerkleHash firstRootHash, MerkleHash secondRootHash) =>
        Verify(FirstTreeSize, SecondTreeSize, ConsistencyPath.AsSpan(), firstRootHash, secondRootHash);

    /// <summary>True when this path links the two tree heads and their sizes are the ones it was made for.</summary>
    public bool Verify(TreeHead first, TreeHead second) =>
        first.TreeSize == FirstTreeSize && second.TreeSize == SecondTreeSize && Verify(first.RootHash, second.RootHash);

    /// <summary>The RFC 9162 §2.1.4.2 verifier; false for any malformed or non-matching input, never an exception.</summary>
    /// <remarks>
    /// Beyond the RFC's 0 &lt; first &lt; second: equal sizes need an empty path and equal roots, and a first size of
    /// 0 is rejected because an empty tree commits to nothing (the transparency-dev conventions).
    /// </remarks>
    public static bool Verify(long firstTreeSize, long secondTreeSize, ReadOnlySpan<MerkleHash> consistencyPath, MerkleHash firstRootHash, MerkleHash secondRootHash)
    {
        if (firstTreeSize <= 0 || firstTreeSize > secondTreeSize)
        {
            return false;
        }

        if (firstTreeSize == secondTreeSize)
        {
            return consistencyPath.IsEmpty && firstRootHash == secondRootHash;
        }

        if (consistencyPath.IsEmpty)
        {
            return false;
        }

        MerkleHash fr;
        var rest = consistencyPath;
        if (TreeShape.IsPowerOfTwo(firstTreeSize))
        {
            fr = firstRootHash;
        }
        else
        {
            fr = consistencyPath[0];
            rest = consistencyPath[1..];
        }

        var sr = fr;
        var fn = firstTreeSize - 1;
        var sn = secondTreeSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        foreach (var c in rest)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                fr = MerkleHasher.NodeHash(c, fr);
                sr = MerkleHasher.NodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                sr = MerkleHasher.NodeHash(sr, c);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && fr == firstRootHash && sr == secondRootHash;
    }
}
