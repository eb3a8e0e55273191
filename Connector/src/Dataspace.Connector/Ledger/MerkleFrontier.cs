using System.Numerics;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// The right edge of an append-only RFC 9162 tree: one perfect subtree hash per set bit of the size, largest first.
/// It is all a writer or a verifier needs to append leaves and compute the root, so neither holds the tree in memory.
/// </summary>
/// <remarks>Not thread-safe: one writer, or external locking.</remarks>
public sealed class MerkleFrontier
{
    // _hashes[i] covers 2^_levels[i] leaves; levels strictly decrease, as the set bits of Size do.
    private readonly List<int> _levels = [];
    private readonly List<MerkleHash> _hashes = [];

    /// <summary>The number of leaves appended so far.</summary>
    public long Size { get; private set; }

    /// <summary>Rebuilds the frontier of a tree of <paramref name="size"/> leaves from its stored perfect subtrees (one read per set bit).</summary>
    public static MerkleFrontier Restore(long size, IMerkleHashSource source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentNullException.ThrowIfNull(source);
        var frontier = new MerkleFrontier { Size = size };
        long offset = 0;
        for (var level = 63 - BitOperations.LeadingZeroCount((ulong)size); level >= 0; level--)
        {
            if ((size & (1L << level)) != 0)
            {
                frontier._levels.Add(level);
                frontier._hashes.Add(source.GetSubtreeHash(level, offset >> level));
                offset += 1L << level;
            }
        }

        return frontier;
    }

    /// <summary>Appends a leaf hash and adds to <paramref name="completed"/> every perfect subtree it completes, the leaf itself first.</summary>
    public void Append(MerkleHash leafHash, ICollection<CompletedSubtree> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        var index = Size;
        var level = 0;
        var hash = leafHash;
        completed.Add(new CompletedSubtree(0, index, hash));
        // Merging equal-sized neighbours is binary addition of 1 to the size: each carry closes a subtree one level up.
        while (_levels.Count > 0 && _levels[^1] == level)
        {
            hash = ReusedMerkleHasher.NodeHash(_hashes[^1], hash);
            _levels.RemoveAt(_levels.Count - 1);
            _hashes.RemoveAt(_hashes.Count - 1);
            level++;
            index >>= 1;
            completed.Add(new CompletedSubtree(level, index, hash));
        }

        _levels.Add(level);
        _hashes.Add(hash);
        Size++;
    }

    /// <summary>MTH of the leaves appended so far: the frontier folded from the right (the smallest subtree is the deepest).</summary>
    public MerkleHash RootHash()
    {
        if (_hashes.Count == 0)
        {
            return MerkleHasher.EmptyTreeHash;
        }

        var hash = _hashes[^1];
        for (var i = _hashes.Count - 2; i >= 0; i--)
        {
            hash = ReusedMerkleHasher.NodeHash(_hashes[i], hash);
        }

        return hash;
    }
}
