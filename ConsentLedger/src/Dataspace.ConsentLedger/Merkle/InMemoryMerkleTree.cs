namespace Dataspace.ConsentLedger.Merkle;

/// <summary>An append-only Merkle tree in memory that keeps every perfect subtree hash, so roots and proofs cost O(log n).</summary>
/// <remarks>Not thread-safe: one writer, or external locking.</remarks>
public sealed class InMemoryMerkleTree : IMerkleHashSource
{
    // _levels[l][i] is the hash of the perfect subtree of 2^l leaves starting at leaf i·2^l.
    private readonly List<List<MerkleHash>> _levels = [[]];

    /// <summary>The number of leaves appended so far.</summary>
    public long Size => _levels[0].Count;

    /// <summary>Hashes <paramref name="leafData"/> as a leaf and appends it; returns its 0-based index.</summary>
    public long Append(ReadOnlySpan<byte> leafData) => AppendLeafHash(MerkleHasher.LeafHash(leafData));

    /// <summary>Appends an already computed leaf hash; returns its 0-based index.</summary>
    public long AppendLeafHash(MerkleHash leafHash)
    {
        var leafIndex = Size;
        _levels[0].Add(leafHash);

        // An odd index closes a pair, which closes a perfect subtree one level up, and so on:
        // one node hash per append on average.
        var hash = leafHash;
        var index = leafIndex;
        for (var level = 0; (index & 1) == 1; level++, index >>= 1)
        {
            hash = MerkleHasher.NodeHash(_levels[level][(int)(index - 1)], hash);
            if (_levels.Count == level + 1)
            {
                _levels.Add([]);
            }

            _levels[level + 1].Add(hash);
        }

        return leafIndex;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentOutOfRangeException">No complete subtree exists at that position yet.</exception>
    public MerkleHash GetSubtreeHash(int level, long index)
    {
        if (level < 0 || level >= _levels.Count || index < 0 || index >= _levels[level].Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"No complete subtree at level {level}, index {index} in a tree of {Size} leaves.");
        }

        return _levels[level][(int)index];
    }

    /// <summary>The tree head of the current size.</summary>
    public TreeHead GetTreeHead() => GetTreeHead(Size);

    /// <summary>The tree head of the first <paramref name="treeSize"/> leaves, for any size up to the current one.</summary>
    public TreeHead GetTreeHead(long treeSize)
    {
        EnsureWithinSize(treeSize);
        return new TreeHead(treeSize, MerkleTreeHash.Compute(this, treeSize));
    }

    /// <summary>The inclusion proof of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    public InclusionProof GetInclusionProof(long leafIndex, long treeSize)
    {
        EnsureWithinSize(treeSize);
        return InclusionProof.Create(this, leafIndex, treeSize);
    }

    /// <summary>The consistency proof from the tree of <paramref name="firstTreeSize"/> leaves to the one of <paramref name="secondTreeSize"/>.</summary>
    public ConsistencyProof GetConsistencyProof(long firstTreeSize, long secondTreeSize)
    {
        EnsureWithinSize(secondTreeSize);
        return ConsistencyProof.Create(this, firstTreeSize, secondTreeSize);
    }

    private void EnsureWithinSize(long treeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(treeSize, Size);
    }
}
