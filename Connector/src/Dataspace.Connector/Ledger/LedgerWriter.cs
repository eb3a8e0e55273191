using System.Data.Common;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Appends one batch of entries per transaction: the entries, their leaf hashes, every perfect subtree of 16 leaves or
/// more they complete, the patient index rows and a new signed tree head, all or nothing. A crash or an error mid-batch
/// leaves the log at the previous tree head.
/// </summary>
/// <remarks>One writer per process (the <see cref="LedgerService"/> loop); replicas serialise on <see cref="LedgerLock"/>.</remarks>
public sealed class LedgerWriter(ConnectorDatabase database, LedgerSigner signer, SubtreeCache cache, TimeProvider time)
{
    // The right edge of the tree as of the last commit; null until read, and after a failure, so the next batch re-reads it.
    private MerkleFrontier? _frontier;

    // Reused from batch to batch: at thousands of entries they are large objects, and allocating them anew for every
    // batch made the garbage collector stop the writer for whole collections.
    private readonly List<CompletedSubtree> _completed = [];
    private readonly List<PatientRow> _patientRows = [];

    // One batch at a time in this process, so the lists and the frontier are never shared; replicas use LedgerLock.
    private readonly SemaphoreSlim _oneBatch = new(1, 1);

    // From this many entries a batch computes its hashes and patient rows beside its inserts; below, a thread hop costs more than it saves.
    private const int ParallelBatch = 512;

    // SQLite only: checkpoints after commits, off the writer's thread.
    private readonly WalCheckpoints? _checkpoints = database.Dialect == SqlDialect.Sqlite ? new WalCheckpoints(database) : null;

    /// <summary>Appends <paramref name="entries"/> in order and signs the new tree head; returns the index of the first.</summary>
    /// <remarks>With no entries, signs the empty tree when the ledger has no tree head yet, and otherwise changes nothing.</remarks>
    public Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendAsync(IReadOnlyList<LedgerEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return AppendAsync(entries.Select(PreparedEntry.From).ToList(), cancellationToken);
    }

    /// <summary>As <see cref="AppendAsync(IReadOnlyList{LedgerEntry}, CancellationToken)"/>, with the entries canonicalised and hashed already.</summary>
    /// <remarks><see cref="LedgerService"/> prepares each entry on its caller's thread, so that work runs in parallel with this single writer.</remarks>
    internal async Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendAsync(IReadOnlyList<PreparedEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _oneBatch.WaitAsync(cancellationToken);
        try
        {
            return await AppendUnderLockAsync(entries, cancellationToken);
        }
        catch
        {
            _frontier = null;
            throw;
        }
        finally
        {
            _oneBatch.Release();
        }
    }

    private async Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendUnderLockAsync(IReadOnlyList<PreparedEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (_checkpoints is null)
        {
            return await AppendInTransactionAsync(connection, entries, cancellationToken);
        }

        await WalCheckpoints.SetThresholdAsync(connection, WalCheckpoints.WriterBoundPages, cancellationToken);
        try
        {
            var appended = await AppendInTransactionAsync(connection, entries, cancellationToken);
            _checkpoints.Request();
            return appended;
        }
        finally
        {
            // The connection goes back to the pool; whoever takes it next checkpoints as SQLite usually does.
            await WalCheckpoints.RestoreThresholdAsync(connection);
        }
    }

    private async Task<(long FirstIndex, SignedTreeHead TreeHead)> AppendInTransactionAsync(DbConnection connection, IReadOnlyList<PreparedEntry> entries, CancellationToken cancellationToken)
    {
        await using var transaction = await LedgerLock.BeginAsync(database, connection, cancellationToken);
        var latest = await LedgerStore.LatestTreeHeadAsync(connection, transaction, cancellationToken);
        if (latest is not null && entries.Count == 0)
        {
            return (latest.TreeSize, latest);
        }

        var frontier = await CurrentFrontierAsync(connection, transaction, latest, cancellationToken);
        var firstIndex = frontier.Size;
        // The tree's hashes and the sorted patient rows need no database, so for a large batch other cores compute them
        // while this one inserts the entries, each table waiting only for what it needs.
        Task patientRows = Task.CompletedTask, hashes = Task.CompletedTask;
        if (entries.Count >= ParallelBatch)
        {
            patientRows = OnOwnThread(() => LedgerRows.BuildPatientRows(firstIndex, entries, _patientRows));
            hashes = OnOwnThread(() => AppendLeaves(frontier, entries));
        }
        else
        {
            LedgerRows.BuildPatientRows(firstIndex, entries, _patientRows);
            AppendLeaves(frontier, entries);
        }

        try
        {
            await LedgerRows.WriteEntriesAsync(database, connection, firstIndex, entries, cancellationToken);
            await patientRows;
            await LedgerRows.WritePatientsAsync(database, connection, _patientRows, cancellationToken);
            await hashes;
            await LedgerRows.WriteSubtreesAsync(database, connection, _completed, cancellationToken);
        }
        finally
        {
            // The lists are reused by the next batch: nothing may still be filling them once this one ends.
            await Task.WhenAll(patientRows, hashes).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        foreach (var subtree in _completed)
        {
            cache.Add(subtree.Level, subtree.Index, subtree.Hash);
        }

        return (firstIndex, treeHead);
    }

    // Not a thread-pool item: the previous batch just queued a continuation for each of its thousands of callers, and
    // work queued behind them would start only after them.
    private static Task OnOwnThread(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    // Appends the leaf hashes to the frontier, keeping the stored subtrees it completes.
    private void AppendLeaves(MerkleFrontier frontier, IReadOnlyList<PreparedEntry> entries)
    {
        _completed.Clear();
        foreach (var entry in entries)
        {
            frontier.Append(entry.LeafHash, _completed);
        }

        // Levels 1–3 are recomputed from the leaves when needed (see LedgerLevels), so only the others become rows; in
        // key order, so each insert lands beside the one before instead of switching between levels.
        _completed.RemoveAll(subtree => !LedgerLevels.IsStored(subtree.Level));
        _completed.Sort(CompletedSubtree.CompareByKey);
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
