using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Subtree hashes already loaded (plus the cache), recording any it lacks. Proof and root algorithms ask for the same
/// subtrees whatever the hash values are, so a first pass lists what to read, one batched query reads it, and a second
/// pass computes the result: O(log n) hashes in one round trip.
/// </summary>
internal sealed class LoadedHashSource(SubtreeCache? cache) : IMerkleHashSource
{
    /// <summary>Hashes read from the database.</summary>
    public Dictionary<(int Level, long Index), MerkleHash> Loaded { get; } = [];

    /// <summary>Subtrees asked for since the last <see cref="Missing"/> reset that neither the cache nor <see cref="Loaded"/> held.</summary>
    public HashSet<(int Level, long Index)> Missing { get; } = [];

    /// <inheritdoc/>
    public MerkleHash GetSubtreeHash(int level, long index)
    {
        if (cache is not null && cache.TryGet(level, index, out var cached))
        {
            return cached;
        }

        if (Loaded.TryGetValue((level, index), out var loaded))
        {
            return loaded;
        }

        // A placeholder: the first pass only plans, its result is discarded.
        Missing.Add((level, index));
        return default;
    }

    /// <summary>Runs <paramref name="compute"/>, loads what it lacked with <paramref name="load"/>, and runs it again.</summary>
    /// <exception cref="InvalidOperationException">The store lacks a subtree the committed tree must have.</exception>
    public async Task<T> ComputeAsync<T>(
        Func<IMerkleHashSource, T> compute,
        Func<IReadOnlyCollection<(int Level, long Index)>, Task<Dictionary<(int Level, long Index), MerkleHash>>> load)
    {
        var result = compute(this);
        if (Missing.Count == 0)
        {
            return result;
        }

        var wanted = Missing.ToList();
        Missing.Clear();
        foreach (var (key, hash) in await load(wanted))
        {
            Loaded[key] = hash;
            cache?.Add(key.Level, key.Index, hash);
        }

        result = compute(this);
        return Missing.Count == 0
            ? result
            : throw new InvalidOperationException($"The ledger has no subtree hash at level {Missing.First().Level}, index {Missing.First().Index}.");
    }
}
