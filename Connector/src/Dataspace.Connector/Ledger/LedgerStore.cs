using System.Collections.Concurrent;
using System.Data.Common;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Ledger;

/// <summary>Reads of the ledger tables, and the small writes beside the append path: cosignatures and a witness's memory.</summary>
public sealed class LedgerStore(ConnectorDatabase database, TimeProvider time) : IAsyncDisposable, IDisposable
{
    // Enough for concurrent proof requests on a small machine; more readers than this open and close their own connection.
    private const int MaxKeptReaders = 4;

    private readonly ConcurrentBag<SubtreeReader> _readers = [];

    private const string TreeHeadColumns = "tree_size AS TreeSize, root_hash AS RootHash, timestamp AS Timestamp, signature AS Signature";

    /// <summary>The newest signed tree head, or null before the first one.</summary>
    public async Task<SignedTreeHead?> LatestTreeHeadAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await LatestTreeHeadAsync(connection, null, cancellationToken);
    }

    /// <summary>The newest signed tree head as seen inside <paramref name="transaction"/>.</summary>
    internal static async Task<SignedTreeHead?> LatestTreeHeadAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TreeHeadRow>(new CommandDefinition(
            $"SELECT {TreeHeadColumns} FROM ledger_tree_heads ORDER BY tree_size DESC LIMIT 1", transaction: transaction, cancellationToken: cancellationToken));
        return row?.ToSignedTreeHead();
    }

    /// <summary>The signed tree head of exactly <paramref name="treeSize"/> leaves, if the ledger signed one.</summary>
    public async Task<SignedTreeHead?> TreeHeadAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TreeHeadRow>(new CommandDefinition(
            $"SELECT {TreeHeadColumns} FROM ledger_tree_heads WHERE tree_size = @treeSize", new { treeSize }, cancellationToken: cancellationToken));
        return row?.ToSignedTreeHead();
    }

    /// <summary>Entries <paramref name="start"/> to <paramref name="end"/> inclusive, in index order, with the tree's leaf hashes.</summary>
    public async Task<IReadOnlyList<StoredEntry>> EntriesAsync(long start, long end, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            """
            SELECT e.leaf_index AS LeafIndex, e.entry AS Entry, s.hash AS Hash
            FROM ledger_entries e LEFT JOIN ledger_subtrees s ON s.level = 0 AND s.subtree_index = e.leaf_index
            WHERE e.leaf_index BETWEEN @start AND @end ORDER BY e.leaf_index
            """, new { start, end }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToStoredEntry()).ToList();
    }

    /// <summary>The entries at <paramref name="indices"/> (at most a page), in index order, with the tree's leaf hashes; absent indices are skipped.</summary>
    public async Task<IReadOnlyList<StoredEntry>> EntriesAtAsync(IReadOnlyCollection<long> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.Count == 0)
        {
            return [];
        }

        // Dapper expands a list into (@i1, @i2, …) for SQLite but passes it to Npgsql as one array parameter.
        var match = database.Dialect == SqlDialect.Sqlite ? "IN @indices" : "= ANY(@indices)";
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<EntryRow>(new CommandDefinition(
            $"""
            SELECT e.leaf_index AS LeafIndex, e.entry AS Entry, s.hash AS Hash
            FROM ledger_entries e LEFT JOIN ledger_subtrees s ON s.level = 0 AND s.subtree_index = e.leaf_index
            WHERE e.leaf_index {match} ORDER BY e.leaf_index
            """, new { indices = indices.ToArray() }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToStoredEntry()).ToList();
    }

    /// <summary>The hashes of the given perfect subtrees, in one query; absent ones are missing from the result.</summary>
    /// <remarks>Levels 1–3 are not stored: they are recomputed from the leaf hashes, read in the same query.</remarks>
    public async Task<Dictionary<(int Level, long Index), MerkleHash>> SubtreesAsync(IReadOnlyCollection<(int Level, long Index)> subtrees, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        var query = SubtreeQuery.Plan(subtrees);
        if (query.IsEmpty)
        {
            return [];
        }

        // Proofs are short reads; a kept connection with its prepared statement saves the open and the pragmas of a new one.
        var reader = _readers.TryTake(out var kept) ? kept : await SubtreeReader.OpenAsync(database, cancellationToken);
        try
        {
            var found = await reader.ReadAsync(query, cancellationToken);
            if (_readers.Count < MaxKeptReaders)
            {
                _readers.Add(reader);
                reader = null;
            }

            return found;
        }
        finally
        {
            if (reader is not null)
            {
                await reader.DisposeAsync();
            }
        }
    }

    /// <summary>The hashes of the given perfect subtrees, read on <paramref name="connection"/>.</summary>
    internal static async Task<Dictionary<(int Level, long Index), MerkleHash>> SubtreesAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<(int Level, long Index)> subtrees, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subtrees);
        var query = SubtreeQuery.Plan(subtrees);
        if (query.IsEmpty)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        query.Bind(command);
        return await query.ReadAsync(command, cancellationToken);
    }

    /// <summary>Closes the connections kept for subtree reads.</summary>
    public async ValueTask DisposeAsync()
    {
        while (_readers.TryTake(out var reader))
        {
            await reader.DisposeAsync();
        }
    }

    /// <summary>Closes the connections kept for subtree reads.</summary>
    public void Dispose()
    {
        while (_readers.TryTake(out var reader))
        {
            reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The cosignatures witnesses returned for the tree head of <paramref name="treeSize"/>, by witness DID.</summary>
    public async Task<IReadOnlyList<Cosignature>> CosignaturesAsync(long treeSize, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string WitnessDid, string Signature)>(new CommandDefinition(
            "SELECT witness_did, signature FROM ledger_cosignatures WHERE tree_size = @treeSize ORDER BY witness_did", new { treeSize }, cancellationToken: cancellationToken));
        return rows.Select(r => new Cosignature(r.WitnessDid, r.Signature)).ToList();
    }

    /// <summary>Stores a verified cosignature; a witness cosigning the same head again replaces its earlier one.</summary>
    public async Task AddCosignatureAsync(long treeSize, Cosignature cosignature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cosignature);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ledger_cosignatures (tree_size, witness_did, signature, received_at) VALUES (@treeSize, @witness, @signature, @now)
            ON CONFLICT (tree_size, witness_did) DO UPDATE SET signature = excluded.signature, received_at = excluded.received_at
            """,
            new { treeSize, witness = cosignature.WitnessDid, signature = cosignature.Signature, now = time.GetUtcNow().ToString("O") },
            cancellationToken: cancellationToken));
    }

    /// <summary>The last tree head of <paramref name="peerDid"/> this connector verified as a witness, or null before the first.</summary>
    public async Task<SignedTreeHead?> LastWitnessedAsync(string peerDid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<TreeHeadRow>(new CommandDefinition(
            $"SELECT {TreeHeadColumns} FROM ledger_witnessed WHERE peer_did = @peerDid", new { peerDid }, cancellationToken: cancellationToken));
        return row?.ToSignedTreeHead();
    }

    /// <summary>Remembers <paramref name="treeHead"/> as the newest head of <paramref name="peerDid"/> found consistent with everything seen before.</summary>
    public async Task RememberWitnessedAsync(string peerDid, SignedTreeHead treeHead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(treeHead);
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO ledger_witnessed (peer_did, tree_size, root_hash, timestamp, signature, checked_at) VALUES (@peerDid, @size, @root, @timestamp, @signature, @now)
            ON CONFLICT (peer_did) DO UPDATE SET tree_size = excluded.tree_size, root_hash = excluded.root_hash, timestamp = excluded.timestamp,
                signature = excluded.signature, checked_at = excluded.checked_at
            """,
            new
            {
                peerDid,
                size = treeHead.TreeSize,
                root = treeHead.RootHash.ToArray(),
                timestamp = treeHead.Timestamp.ToUnixTimeMilliseconds(),
                signature = treeHead.Signature,
                now = time.GetUtcNow().ToString("O"),
            },
            cancellationToken: cancellationToken));
    }

    // Dapper fills these by name; classes rather than positional records, because SQLite and PostgreSQL return different integer widths.
    private sealed class TreeHeadRow
    {
        public long TreeSize { get; set; }

        public byte[] RootHash { get; set; } = [];

        public long Timestamp { get; set; }

        public string Signature { get; set; } = "";

        public SignedTreeHead ToSignedTreeHead() =>
            new(TreeSize, new MerkleHash(RootHash), DateTimeOffset.FromUnixTimeMilliseconds(Timestamp), Signature);
    }

    private sealed class EntryRow
    {
        public long LeafIndex { get; set; }

        public string Entry { get; set; } = "";

        public byte[]? Hash { get; set; }

        public StoredEntry ToStoredEntry() => new(LeafIndex, Entry, Hash is { } hash && MerkleHash.TryFromBytes(hash, out var leaf) ? leaf : null);
    }
}
