using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Storage;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Audits a ledger database directly. Entries, tree heads and each level of stored subtree hashes are read by their own
/// ordered cursor, advanced as the recomputation reaches them, so memory stays at one row per level.
/// </summary>
/// <remarks>
/// <see cref="LedgerAuditor"/> takes the entries' leaf hashes from <see cref="LeafHashesAsync"/>: another thread reads
/// the entries and hashes their stored UTF-8 bytes (on SQLite straight from the row, with no string in between) while
/// the auditor folds the hashes into the tree and compares the stored subtree hashes, in order.
/// </remarks>
public sealed class DatabaseAuditSource(ConnectorDatabase database) : ILedgerAuditSource, IAsyncDisposable
{
    private const string EntriesSql = "SELECT leaf_index, entry FROM ledger_entries ORDER BY leaf_index";

    // Entries per block handed from the reading thread to the auditor, and blocks in flight: enough to ride out either
    // side's stalls, small enough that the arrays stay out of the large object heap and memory stays flat.
    private const int BlockSize = 2048;
    private const int BlocksInFlight = 8;

    private readonly LevelCursor?[] _levels = new LevelCursor?[64];

    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = EntriesSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new StoredEntry(reader.GetInt64(0), reader.GetString(1), null);
        }
    }

    /// <summary>
    /// Every entry's index and RFC 9162 leaf hash (of its UTF-8 bytes, as <see cref="EntriesAsync"/> would give them), in
    /// stored order, read and hashed on another thread. A block may be reused once the next one is requested.
    /// </summary>
    internal async IAsyncEnumerable<LeafHashBlock> LeafHashesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<LeafHashBlock>(new BoundedChannelOptions(BlocksInFlight) { SingleReader = true, SingleWriter = true });
        var free = new ConcurrentQueue<LeafHashBlock>();
        var producer = Task.Run(() => ProduceAsync(channel.Writer, free, stop.Token), stop.Token);
        try
        {
            LeafHashBlock? handedOut = null;
            while (await channel.Reader.WaitToReadAsync(cancellationToken))
            {
                while (channel.Reader.TryRead(out var block))
                {
                    if (handedOut is not null)
                    {
                        free.Enqueue(handedOut);
                    }

                    handedOut = block;
                    yield return block;
                }
            }

            // The channel closes when the reader stops, for whatever reason: a read error surfaces here, after every block before it.
            await producer;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception) when (!producer.IsCompletedSuccessfully)
            {
                // Already thrown above, or the auditor stopped early and no longer needs the rest.
            }
        }
    }

    private async Task ProduceAsync(ChannelWriter<LeafHashBlock> writer, ConcurrentQueue<LeafHashBlock> free, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            if (connection is SqliteConnection sqlite && IsUtf8(sqlite))
            {
                await ProduceSqliteAsync(sqlite, writer, free, cancellationToken);
            }
            else
            {
                await ProduceReaderAsync(connection, writer, free, cancellationToken);
            }
        }
        finally
        {
            writer.TryComplete();
        }
    }

    // The native statement on the pooled connection: the column's stored UTF-8 bytes are hashed in place (SQLite hands
    // out text as the bytes it holds, so they are exactly what GetString would decode), without a string or a copy.
    private static async Task ProduceSqliteAsync(SqliteConnection connection, ChannelWriter<LeafHashBlock> writer, ConcurrentQueue<LeafHashBlock> free, CancellationToken cancellationToken)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(db, raw.sqlite3_prepare_v2(db, EntriesSql, out var statement));
        using (statement)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var block = Rent(free);
                var result = FillFromSqlite(db, statement, block);
                if (block.Count > 0)
                {
                    await writer.WriteAsync(block, cancellationToken);
                }

                if (result != raw.SQLITE_ROW)
                {
                    break;
                }
            }
        }
    }

    // Fills the block; returns SQLITE_ROW when it is full and more rows may follow, SQLITE_DONE at the end.
    private static int FillFromSqlite(sqlite3 db, sqlite3_stmt statement, LeafHashBlock block)
    {
        var count = 0;
        while (count < BlockSize)
        {
            var result = raw.sqlite3_step(statement);
            if (result == raw.SQLITE_DONE)
            {
                block.Count = count;
                return result;
            }

            if (result != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(result, db);
                throw new SqliteException($"SQLite step returned {result}.", result);
            }

            if (raw.sqlite3_column_type(statement, 0) == raw.SQLITE_NULL || raw.sqlite3_column_type(statement, 1) == raw.SQLITE_NULL)
            {
                // As the data reader's GetInt64 / GetString on a NULL.
                throw new InvalidCastException("The ledger_entries row holds NULL.");
            }

            block.Indexes[count] = raw.sqlite3_column_int64(statement, 0);
            block.Hashes[count] = ReusedMerkleHasher.LeafHash(raw.sqlite3_column_blob(statement, 1));
            count++;
        }

        block.Count = count;
        return raw.SQLITE_ROW;
    }

    // Any other database: the entry as text, encoded once into a reused buffer.
    private async Task ProduceReaderAsync(DbConnection connection, ChannelWriter<LeafHashBlock> writer, ConcurrentQueue<LeafHashBlock> free, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = EntriesSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var utf8 = new byte[4096];
        var block = Rent(free);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entry = reader.GetString(1);
            var length = Encoding.UTF8.GetMaxByteCount(entry.Length);
            if (utf8.Length < length)
            {
                utf8 = new byte[Math.Max(length, utf8.Length * 2)];
            }

            block.Indexes[block.Count] = reader.GetInt64(0);
            block.Hashes[block.Count] = ReusedMerkleHasher.LeafHash(utf8.AsSpan(0, Encoding.UTF8.GetBytes(entry, utf8)));
            if (++block.Count == BlockSize)
            {
                await writer.WriteAsync(block, cancellationToken);
                block = Rent(free);
            }
        }

        if (block.Count > 0)
        {
            await writer.WriteAsync(block, cancellationToken);
        }
    }

    private static LeafHashBlock Rent(ConcurrentQueue<LeafHashBlock> free)
    {
        if (free.TryDequeue(out var block))
        {
            block.Count = 0;
            return block;
        }

        return new LeafHashBlock(BlockSize);
    }

    private static bool IsUtf8(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA encoding";
        return command.ExecuteScalar() is string encoding && encoding.Equals("UTF-8", StringComparison.OrdinalIgnoreCase);
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
    public ValueTask<string?> CheckSubtreeAsync(CompletedSubtree subtree, StoredEntry entry, CancellationToken cancellationToken) =>
        CheckSubtreeAsync(subtree, cancellationToken);

    /// <summary>As the interface's, for a caller that has the leaf hash but not the entry; completes synchronously on SQLite.</summary>
    internal ValueTask<string?> CheckSubtreeAsync(CompletedSubtree subtree, CancellationToken cancellationToken)
    {
        // Levels 1–3 are not stored: they are checked through the leaves below them and the levels above.
        if (!LedgerLevels.IsStored(subtree.Level))
        {
            return ValueTask.FromResult<string?>(null);
        }

        if (_levels[subtree.Level] is { } cursor)
        {
            var next = cursor.NextAsync(cancellationToken);
            return next.IsCompletedSuccessfully ? ValueTask.FromResult(Compare(subtree, next.Result)) : CompareAsync(subtree, next);
        }

        return OpenAndCheckAsync(subtree, cancellationToken);
    }

    private async ValueTask<string?> OpenAndCheckAsync(CompletedSubtree subtree, CancellationToken cancellationToken)
    {
        _levels[subtree.Level] = await LevelCursor.OpenAsync(database, subtree.Level, cancellationToken);
        return await CheckSubtreeAsync(subtree, cancellationToken);
    }

    private static async ValueTask<string?> CompareAsync(CompletedSubtree subtree, ValueTask<StoredSubtree?> next) => Compare(subtree, await next);

    private static string? Compare(CompletedSubtree subtree, StoredSubtree? stored)
    {
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
        for (var level = 0; level < _levels.Length; level++)
        {
            if (_levels[level] is { } cursor)
            {
                _levels[level] = null;
                await cursor.DisposeAsync();
            }
        }
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }

    private readonly record struct StoredSubtree(long Index, MerkleHash? Hash);

    // One open reader over one level of ledger_subtrees, in index order: the primary key serves it without sorting. On
    // SQLite a native statement, stepped synchronously, with the hash read in place; elsewhere the data reader.
    private sealed class LevelCursor : IAsyncDisposable
    {
        private readonly DbConnection _connection;
        private readonly DbCommand? _command;
        private readonly DbDataReader? _reader;
        private readonly sqlite3? _db;
        private readonly sqlite3_stmt? _statement;
        private bool _done;

        private LevelCursor(DbConnection connection, DbCommand? command, DbDataReader? reader, sqlite3? db, sqlite3_stmt? statement)
        {
            _connection = connection;
            _command = command;
            _reader = reader;
            _db = db;
            _statement = statement;
        }

        public static async Task<LevelCursor> OpenAsync(ConnectorDatabase database, int level, CancellationToken cancellationToken)
        {
            var connection = await database.OpenAsync(cancellationToken);
            var sql = "SELECT subtree_index, hash FROM ledger_subtrees WHERE level = " + level.ToString(CultureInfo.InvariantCulture) + " ORDER BY subtree_index";
            try
            {
                if (connection is SqliteConnection { Handle: { } db })
                {
                    Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
                    return new LevelCursor(connection, null, null, db, statement);
                }

                var command = connection.CreateCommand();
                command.CommandText = sql;
                var reader = await command.ExecuteReaderAsync(cancellationToken);
                return new LevelCursor(connection, command, reader, null, null);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public ValueTask<StoredSubtree?> NextAsync(CancellationToken cancellationToken)
        {
            if (_statement is null)
            {
                return NextFromReaderAsync(cancellationToken);
            }

            if (_done)
            {
                return ValueTask.FromResult<StoredSubtree?>(null);
            }

            var result = raw.sqlite3_step(_statement);
            if (result == raw.SQLITE_DONE)
            {
                _done = true;
                return ValueTask.FromResult<StoredSubtree?>(null);
            }

            if (result != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(result, _db);
                throw new SqliteException($"SQLite step returned {result}.", result);
            }

            if (raw.sqlite3_column_type(_statement, 0) == raw.SQLITE_NULL || raw.sqlite3_column_type(_statement, 1) == raw.SQLITE_NULL)
            {
                throw new InvalidCastException("The ledger_subtrees row holds NULL.");
            }

            var index = raw.sqlite3_column_int64(_statement, 0);
            return ValueTask.FromResult<StoredSubtree?>(new StoredSubtree(index, MerkleHash.TryFromBytes(raw.sqlite3_column_blob(_statement, 1), out var hash) ? hash : null));
        }

        private async ValueTask<StoredSubtree?> NextFromReaderAsync(CancellationToken cancellationToken)
        {
            if (!await _reader!.ReadAsync(cancellationToken))
            {
                return null;
            }

            var bytes = (byte[])_reader.GetValue(1);
            return new StoredSubtree(_reader.GetInt64(0), MerkleHash.TryFromBytes(bytes, out var hash) ? hash : null);
        }

        public async ValueTask DisposeAsync()
        {
            // The native statement is finalised before the connection goes back to the pool.
            _statement?.Dispose();
            if (_reader is not null)
            {
                await _reader.DisposeAsync();
            }

            if (_command is not null)
            {
                await _command.DisposeAsync();
            }

            await _connection.DisposeAsync();
        }
    }
}

/// <summary>A run of consecutive stored entries' indexes and leaf hashes, as <see cref="DatabaseAuditSource.LeafHashesAsync"/> hands them out.</summary>
internal sealed class LeafHashBlock(int capacity)
{
    public long[] Indexes { get; } = new long[capacity];

    public MerkleHash[] Hashes { get; } = new MerkleHash[capacity];

    public int Count { get; set; }
}
