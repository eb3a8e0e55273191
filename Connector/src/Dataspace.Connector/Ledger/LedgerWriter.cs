using System.Data.Common;
using System.Text;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Appends one batch of entries per transaction: the entries, their leaf hashes, every perfect subtree of 16 leaves or
/// more they complete and a new signed tree head, all or nothing. A crash or an error mid-batch leaves the log at the
/// previous tree head.
/// </summary>
/// <remarks>One writer per process (the <see cref="LedgerService"/> loop); replicas serialise on <see cref="LedgerLock"/>.</remarks>
public sealed class LedgerWriter(ConnectorDatabase database, LedgerSigner signer, SubtreeCache cache, TimeProvider time)
{
    // The right edge of the tree as of the last commit; null until read, and after a failure, so the next batch re-reads it.
    private MerkleFrontier? _frontier;

    /// <summary>Appends <paramref name="entries"/> (canonical JSON, in order) and signs the new tree head; returns the index of the first.</summary>
    /// <remarks>With no entries, signs the empty tree when the ledger has no tree head yet, and otherwise changes nothing.</remarks>
    public Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendAsync(IReadOnlyList<byte[]> entries, CancellationToken cancellationToken = default) =>
        AppendAsync(entries, null, cancellationToken);

    /// <summary>As <see cref="AppendAsync(IReadOnlyList{byte[]}, CancellationToken)"/>, with the entries' leaf hashes computed already.</summary>
    /// <remarks>
    /// <see cref="LedgerService"/> hashes each entry on its caller's thread, beside the canonicalisation, so that work runs
    /// in parallel with this single writer; <paramref name="leafHashes"/>[i] must be the leaf hash of <paramref name="entries"/>[i].
    /// </remarks>
    internal async Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendAsync(IReadOnlyList<byte[]> entries, IReadOnlyList<MerkleHash>? leafHashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (leafHashes is not null && leafHashes.Count != entries.Count)
        {
            throw new ArgumentException("One leaf hash per entry.", nameof(leafHashes));
        }

        try
        {
            return await AppendUnderLockAsync(entries, leafHashes, cancellationToken);
        }
        catch
        {
            _frontier = null;
            throw;
        }
    }

    private async Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendUnderLockAsync(IReadOnlyList<byte[]> entries, IReadOnlyList<MerkleHash>? leafHashes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await LedgerLock.BeginAsync(database, connection, cancellationToken);
        var latest = await LedgerStore.LatestTreeHeadAsync(connection, transaction, cancellationToken);
        if (latest is not null && entries.Count == 0)
        {
            return (latest.TreeSize, latest);
        }

        var frontier = await CurrentFrontierAsync(connection, transaction, latest, cancellationToken);
        var firstIndex = frontier.Size;
        var completed = new List<CompletedSubtree>(entries.Count * 2);
        for (var i = 0; i < entries.Count; i++)
        {
            frontier.Append(leafHashes?[i] ?? MerkleHasher.LeafHash(entries[i]), completed);
        }

        await using (var entryRows = new BulkInsert(connection, transaction, "ledger_entries", "leaf_index", "entry"))
        {
            await entryRows.InsertAsync(entries.Count, (row, column) => column == 0 ? firstIndex + row : Encoding.UTF8.GetString(entries[row]), cancellationToken);
        }

        // Levels 1–3 are recomputed from the leaves when needed (see LedgerLevels), so only the others become rows.
        completed.RemoveAll(subtree => !LedgerLevels.IsStored(subtree.Level));
        await using (var subtreeRows = new BulkInsert(connection, transaction, "ledger_subtrees", "level", "subtree_index", "hash"))
        {
            await subtreeRows.InsertAsync(completed.Count, (row, column) => column switch
            {
                0 => completed[row].Level,
                1 => completed[row].Index,
                _ => completed[row].Hash.ToArray(),
            }, cancellationToken);
        }

        // A tree head never claims to be older than the one before it, whatever the clock did.
        var now = time.GetUtcNow();
        var timestamp = latest is not null && latest.Timestamp > now ? latest.Timestamp : now;
        var treeHead = SignedTreeHead.Sign(new TreeHead(frontier.Size, frontier.RootHash()), timestamp, signer.Key, signer.KeyId);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ledger_tree_heads (tree_size, root_hash, timestamp, signature) VALUES (@size, @root, @timestamp, @signature)",
            new { size = treeHead.TreeSize, root = treeHead.RootHash.ToArray(), timestamp = treeHead.Timestamp.ToUnixTimeMilliseconds(), signature = treeHead.Signature },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        _frontier = frontier;
        foreach (var subtree in completed)
        {
            cache.Add(subtree.Level, subtree.Index, subtree.Hash);
        }

        return (firstIndex, treeHead);
    }

    // The frontier kept from the last commit is reused only if the database still ends where it did: another replica may
    // have appended since, or an operator restored a backup.
    private async Task<MerkleFrontier> CurrentFrontierAsync(DbConnection connection, DbTransaction transaction, SignedTreeHead? latest, CancellationToken cancellationToken)
    {
        var size = latest?.TreeSize ?? 0;
        if (_frontier is { } kept && kept.Size == size && (latest is null || kept.RootHash() == latest.RootHash))
        {
            return kept;
        }

        // A tree that did not grow but differs was rewritten or restored under this process: cached hashes may be stale.
        if (_frontier is { } stale && stale.Size >= size)
        {
            cache.Clear();
        }

        _frontier = null;
        var source = new LoadedHashSource(cache: null);
        var frontier = await source.ComputeAsync(
            s => MerkleFrontier.Restore(size, s),
            wanted => LedgerStore.SubtreesAsync(connection, transaction, wanted, cancellationToken));
        if (latest is not null && frontier.RootHash() != latest.RootHash)
        {
            throw new InvalidOperationException($"The stored subtree hashes do not match the newest tree head of size {size}; run `dataspace ledger verify`.");
        }

        return frontier;
    }
}
