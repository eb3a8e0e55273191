using System.Text.Json.Nodes;
using Dataspace.Connector.Protocol.Outbox;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Postgres;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>Replicas sharing one database lease disjoint outbox entries, and each process's entries go out in order.</summary>
public sealed class OutboxLeaseTests
{
    [Fact]
    public Task Replicas_on_SQLite_never_lease_the_same_entry() =>
        LeaseOnceEachAsync(new SqliteDatabase(Path.Combine(TestPaths.NewTempFolder(), "outbox.db")));

    [SkippableFact]
    public Task Replicas_on_PostgreSQL_never_lease_the_same_entry() =>
        LeaseOnceEachAsync(new PostgresDatabase(TestPostgres.Require(), TestPostgres.NewSchema()));

    private static async Task LeaseOnceEachAsync(ConnectorDatabase database)
    {
        await Migrator.MigrateAsync(database, Migrations.All);
        var outbox = new Outbox(new OutboxSignal(), TimeProvider.System);
        const int processes = 40;
        for (var p = 0; p < processes; p++)
        {
            await using var connection = await database.OpenAsync();
            await using var transaction = await WriteTransaction.BeginAsync(database, connection, CancellationToken.None);
            // Two entries per process: the second may only be leased once the first is gone.
            for (var m = 0; m < 2; m++)
                await outbox.EnqueueAsync(connection, transaction, OutboxEntry.Send($"process-{p}", "test", "did:web:peer", $"m{m}", new JsonObject { ["@type"] = $"M{m}" }), CancellationToken.None);
            await transaction.CommitAsync();
        }

        var store = new OutboxStore(database);
        var leases = await Task.WhenAll(Enumerable.Range(0, 4).Select(replica => Task.Run(async () =>
        {
            var mine = new List<OutboxMessage>();
            for (var round = 0; round < 10; round++)
                mine.AddRange(await store.LeaseAsync($"replica-{replica}", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 7, CancellationToken.None));
            return mine;
        })));

        var all = leases.SelectMany(l => l).ToList();
        Assert.Equal(all.Count, all.Select(m => m.Id).Distinct().Count());
        Assert.Equal(processes, all.Count);
        Assert.All(all, m => Assert.Equal("m0", m.Path));

        // Once the first entries are done, the second ones become due, still once each.
        foreach (var (message, replica) in leases.SelectMany((l, r) => l.Select(m => (m, r))))
            await store.CompleteAsync(message, $"replica-{replica}", CancellationToken.None);
        var second = await store.LeaseAsync("replica-x", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 100, CancellationToken.None);
        Assert.Equal(processes, second.Count);
        Assert.All(second, m => Assert.Equal("m1", m.Path));
        if (database is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }
}
