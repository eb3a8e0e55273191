using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Dataspace.ConsentLedger.Merkle;

/// <summary>An RFC 9162 §2.1.3 inclusion proof: the audit path from one leaf to the root of a tree of a given size.</summary>
public sealed class InclusionProof
{
    /// <summary>Wraps an audit path received from elsewhere; nothing is checked until <see cref="Verify(MerkleHash, MerkleHash)"/>.</summary>
    public InclusionProof(long leafIndex, long treeSize, ImmutableArray<MerkleHash> auditPath)
    {
        LeafIndex = leafIndex;
        TreeSize = treeSize;
        AuditPath = auditPath.IsDefault ? [] : auditPath;
    }

    /// <summary>The 0-based index of the proven leaf.</summary>
    public long LeafIndex { get; }

    /// <summary>The size of the tree whose root the path leads to.</summary>
    public long TreeSize { get; }

    /// <summary>Sibling hashes ordered from the leaf level up to the root.</summary>
    public ImmutableArray<MerkleHash> AuditPath { get; }

    /// <summary>Builds PATH(m, D[n]) from stored subtrees with O(log n) reads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is negative or not below the tree size.</exception>
    public static InclusionProof Create(IMerkleHashSource source, long leafIndex, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(leafIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(leafIndex, treeSize);

        var path = new MerkleHash[PathLength(leafIndex, treeSize)];
        var next = path.Length;
        long start = 0;
        var size = treeSize;

        // Walking down from the root yields siblings root-first; the audit path lists them leaf-first.
        while (size > 1)
        {
            var level = TreeShape.SplitLevel(size);
            var split = 1L << level;
            if (leafIndex - start < split)
            {
                path[--next] = TreeShape.RangeHash(source, start + split, start + size);
                size = split;
            }
            else
            {
                path[--next] = source.GetSubtreeHash(level, start >> level);
                start += split;
                size -= split;
            }
        }

        return new InclusionProof(leafIndex, treeSize, ImmutableCollectionsMarshal.AsImmutableArray(path));
    }

    /// <summary>True when this path proves <paramref name="leafHash"/> sits at <see cref="LeafIndex"/> under <paramref name="rootHash"/>.</summary>
    public bool Verify(MerkleHash leafHash, MerkleHash rootHash) =>
        Verify(LeafIndex, TreeSize, leafHash, AuditPath.AsSpan(), rootHash);

    /// <summary>The RFC 9162 §2.1.3.2 verifier; false for any malformed or non-matching input, never an exception.</summary>
    public static bool Verify(long leafIndex, long treeSize, MerkleHash leafHash, ReadOnlySpan<MerkleHash> auditPath, MerkleHash rootHash)
    {
        if (leafIndex < 0 || leafIndex >= treeSize)
        {
            return false;
        }

        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = leafHash;
        foreach (var p in auditPath)
        {
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = MerkleHasher.NodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                r = MerkleHasher.NodeHash(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r == rootHash;
    }

    // Levels where the leaf's and the last leaf's paths differ each add a right or left sibling ("inner");
    // above them the leaf is on the right border, where only set bits have a left sibling.
    private static int PathLength(long leafIndex, long treeSize)
    {
        var inner = 64 - BitOperations.LeadingZeroCount((ulong)(leafIndex ^ (treeSize - 1)));
        return inner + BitOperations.PopCount((ulong)(leafIndex >> inner));
    }
}
