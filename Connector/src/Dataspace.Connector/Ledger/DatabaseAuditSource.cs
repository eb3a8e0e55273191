using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Audits a ledger database directly. Entries, tree heads and each level of stored subtree hashes are read by their own
/// ordered cursor, advanced as the recomputation reaches them, so memory stays at one row per level.
/// </summary>
public sealed class DatabaseAuditSource(ConnectorDatabase database) : ILedgerAuditSource, IAsyncDisposable
{
    private readonly Dictionary<int, LevelCursor> _levels = [];

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT leaf_index, entry FROM ledger_entries ORDER BY leaf_index";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredEntry(reader.GetInt64(0), reader.GetString(1), null);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SignedTreeHead> TreeHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tree_size, root_hash, timestamp, signature FROM ledger_tree_heads ORDER BY tree_size";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var root = (byte[])reader.GetValue(1);
            yield return new SignedTreeHead(
                reader.GetInt64(0),
                MerkleHash.TryFromBytes(root, out var hash) ? hash : default,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                reader.GetString(3));
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Cosignature>> CosignaturesAsync(long treeSize, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string WitnessDid, string Signature)>(new CommandDefinition(
            "SELECT witness_did, signature FROM ledger_cosignatures WHERE tree_size = @treeSize ORDER BY witness_did", new { treeSize }, cancellationToken: cancellationToken));
        return rows.Select(r => new Cosignature(r.WitnessDid, r.Signature)).ToList();
    }

    /// <inheritdoc/>
    public async ValueTask<string?> CheckSubtreeAsync(CompletedSubtree subtree, StoredEntry entry, CancellationToken cancellationToken)
    {
        // Levels 1–3 are not stored: they are checked through the leaves below them and the levels above.
        if (!LedgerLevels.IsStored(subtree.Level))
        {
            return null;
        }

        if (!_levels.TryGetValue(subtree.Level, out var cursor))
        {
            cursor = await LevelCursor.OpenAsync(database, subtree.Level, cancellationToken);
            _levels[subtree.Level] = cursor;
        }

        var stored = await cursor.NextAsync(cancellationToken);
        if (stored is not { } row || row.Index != subtree.Index)
        {
            return $"the stored tree has no hash at level {subtree.Level}, index {subtree.Index} (deleted, moved or inserted)";
        }

        if (row.Hash != subtree.Hash)
        {
            return subtree.Level == 0
                ? "entry changed: it no longer hashes to the leaf hash the tree holds at this index"
                : $"the subtree hash over indices {subtree.FirstLeaf}..{subtree.FirstLeaf + (1L << subtree.Level) - 1} stored at level {subtree.Level} differs from the one recomputed from the entries";
        }

        return null;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var cursor in _levels.Values)
        {
            await cursor.DisposeAsync();
        }

        _levels.Clear();
    }

    // One open reader over one level of ledger_subtrees, in index order: the primary key serves it without sorting.
    private sealed class LevelCursor(DbConnection connection, DbCommand command, DbDataReader reader) : IAsyncDisposable
    {
        public static async Task<LevelCursor> OpenAsync(ConnectorDatabase database, int level, CancellationToken cancellationToken)
        {
            var connection = await database.OpenAsync(cancellationToken);
            var command = connection.CreateCommand();
            command.CommandText = "SELECT subtree_index, hash FROM ledger_subtrees WHERE level = " + level.ToString(CultureInfo.InvariantCulture) + " ORDER BY subtree_index";
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            return new LevelCursor(connection, command, reader);
        }

        public async Task<(long Index, MerkleHash? Hash)?> NextAsync(CancellationToken cancellationToken)
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var bytes = (byte[])reader.GetValue(1);
            return (reader.GetInt64(0), MerkleHash.TryFromBytes(bytes, out var hash) ? hash : null);
        }

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
