using System.Collections.Concurrent;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Upper-level subtree hashes kept in memory, so a proof reads only its few lowest hashes from the database. Safe to
/// share: a committed subtree hash never changes in an append-only tree.
/// </summary>
public sealed class SubtreeCache
{
    /// <summary>Subtrees at this level or above (16 leaves and more) are cached; there are at most n/8 of them.</summary>
    public const int LowestCachedLevel = 4;

    // About 16 MB at most; beyond it hashes are still read, just not kept, so memory stays bounded on huge logs.
    private const int MaxEntries = 1 << 18;

    private readonly ConcurrentDictionary<(int Level, long Index), MerkleHash> _hashes = new();

    // Counted here because ConcurrentDictionary.Count takes every one of its locks, and their number grows with the
    // table: at tens of thousands of hashes each Add paid about 20 µs for it. Approximate under races, which a bound tolerates.
    private int _count;

    /// <summary>The cached hash, if any.</summary>
    public bool TryGet(int level, long index, out MerkleHash hash) => _hashes.TryGetValue((level, index), out hash);

    /// <summary>Keeps a committed subtree hash if its level is cached and there is room.</summary>
    public void Add(int level, long index, MerkleHash hash)
    {
        if (level >= LowestCachedLevel && Volatile.Read(ref _count) < MaxEntries && _hashes.TryAdd((level, index), hash))
        {
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Forgets everything, for when the database changed under this process (a restore, a rewritten history).</summary>
    public void Clear()
    {
        _hashes.Clear();
        Volatile.Write(ref _count, 0);
    }
}
