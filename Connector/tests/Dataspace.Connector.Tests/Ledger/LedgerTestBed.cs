using System.Security.Cryptography;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Postgres;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>A ledger without a host: a migrated SQLite file (or PostgreSQL schema), the participant's key in its data folder, a writer and reads.</summary>
public sealed class LedgerTestBed : IAsyncDisposable
{
    private LedgerTestBed(ConnectorDatabase database, string folder, ECDsa key, string? schema)
    {
        Database = database;
        Folder = folder;
        Key = key;
        Schema = schema;
        Cache = new SubtreeCache();
        Store = new LedgerStore(database, TimeProvider.System);
        Tree = new LedgerTree(Store, Cache);
        Pseudonyms = LedgerPseudonyms.LoadOrCreate(Path.Combine(folder, LedgerPseudonyms.DefaultFileName));
        Reports = new AccessReports(Store, new LedgerPatientIndex(database), Pseudonyms);
        Service = NewService();
    }

    public ConnectorDatabase Database { get; }

    /// <summary>The data folder: connector.db (SQLite), participant-key.pem and ledger-pseudonym.key.</summary>
    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "connector.db");

    public string KeyPath => Path.Combine(Folder, ParticipantKey.FileName);

    /// <summary>The PostgreSQL schema, or null on SQLite.</summary>
    public string? Schema { get; }

    public ECDsa Key { get; }

    public const string KeyId = "did:web:ledger.test#key-1";

    public SubtreeCache Cache { get; }

    public LedgerStore Store { get; }

    public LedgerTree Tree { get; }

    public LedgerService Service { get; private set; }

    /// <summary>The pseudonym key, as a connector keeps it in its data folder.</summary>
    public LedgerPseudonyms Pseudonyms { get; }

    /// <summary>Patient access reports over this ledger.</summary>
    public AccessReports Reports { get; }

    /// <summary>A migrated ledger on SQLite, or on PostgreSQL in a fresh schema when <paramref name="postgres"/> is given.</summary>
    public static async Task<LedgerTestBed> CreateAsync(string? postgres = null)
    {
        var folder = TestPaths.NewTempFolder();
        var key = ParticipantKey.LoadOrCreate(folder);
        var schema = postgres is null ? null : TestPostgres.NewSchema();
        ConnectorDatabase database = postgres is null ? new SqliteDatabase(Path.Combine(folder, "connector.db")) : new PostgresDatabase(postgres, schema);
        await Migrator.MigrateAsync(database, Migrations.All);
        return new LedgerTestBed(database, folder, key, schema);
    }

    /// <summary>A deterministic entry: distinct per <paramref name="i"/>.</summary>
    public static PolicyChanged Entry(int i) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + i), $"policy-{i}", Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(i))));

    /// <summary>Appends entries <paramref name="from"/> to <paramref name="to"/> − 1 concurrently, so they share batches.</summary>
    /// <remarks>Each call queues its entry before it first waits, so entry i gets index i (the queue has room for all).</remarks>
    public async Task<long[]> AppendAsync(int from, int to) =>
        await Task.WhenAll(Enumerable.Range(from, to - from).Select(i => Service.AppendAsync(Entry(i))));

    /// <summary>The same entries in an independent in-memory tree, the reference for roots and proofs.</summary>
    public static InMemoryMerkleTree Reference(int count)
    {
        var tree = new InMemoryMerkleTree();
        for (var i = 0; i < count; i++)
        {
            tree.Append(Entry(i).ToCanonicalJson());
        }

        return tree;
    }

    /// <summary>Stops the writer and starts a new one over the same database, as a restarted connector would.</summary>
    public async Task RestartAsync()
    {
        await Service.DisposeAsync();
        Cache.Clear();
        Service = NewService();
    }

    /// <summary>Writes entries <paramref name="from"/> to <paramref name="to"/> − 1 as exactly one batch, so one tree head of size <paramref name="to"/>; only while nothing else appends.</summary>
    public Task WriteBatchAsync(int from, int to) =>
        Writer.AppendAsync(Enumerable.Range(from, to - from).Select(i => (LedgerEntry)Entry(i)).ToList());

    private LedgerWriter Writer { get; set; } = null!;

    private LedgerService NewService()
    {
        Writer = new LedgerWriter(Database, new LedgerSigner(Key, KeyId), Cache, TimeProvider.System);
        return new(Writer, maxBatch: 64, NullLogger<LedgerService>.Instance);
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Store.DisposeAsync();
        if (Database is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
