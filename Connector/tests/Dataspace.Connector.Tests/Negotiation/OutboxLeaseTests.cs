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

    [Fact]
    public Task Completing_an_entry_on_SQLite_leases_the_next_of_its_process_once() =>
        CompleteAndLeaseNextAsync(new SqliteDatabase(Path.Combine(TestPaths.NewTempFolder(), "outbox.db")));

    [SkippableFact]
    public Task Completing_an_entry_on_PostgreSQL_leases_the_next_of_its_process_once() =>
        CompleteAndLeaseNextAsync(new PostgresDatabase(TestPostgres.Require(), TestPostgres.NewSchema()));

    private static async Task CompleteAndLeaseNextAsync(ConnectorDatabase database)
    {
        await Migrator.MigrateAsync(database, Migrations.All);
        var outbox = new Outbox(new OutboxSignal(), TimeProvider.System);
        await using (var connection = await database.OpenAsync())
        {
            await using var transaction = await WriteTransaction.BeginAsync(database, connection, CancellationToken.None);
            for (var m = 0; m < 3; m++)
                await outbox.EnqueueAsync(connection, transaction, OutboxEntry.Send("process", "test", "did:web:peer", $"m{m}", new JsonObject { ["@type"] = $"M{m}" }), CancellationToken.None);
            await outbox.EnqueueAsync(connection, transaction, OutboxEntry.Send("other", "test", "did:web:peer", "o0", new JsonObject { ["@type"] = "O0" }), CancellationToken.None);
            await transaction.CommitAsync();
        }

        var store = new OutboxStore(database);
        var now = DateTimeOffset.UtcNow;
        var first = (await store.LeaseAsync("replica-a", now, TimeSpan.FromMinutes(1), 1, CancellationToken.None)).Single();
        Assert.Equal("m0", first.Path);

        // Another replica's completion cannot hand over this replica's work.
        Assert.Null(await store.CompleteAndLeaseNextAsync(first, "replica-b", now, TimeSpan.FromMinutes(1), CancellationToken.None));

        var second = await store.CompleteAndLeaseNextAsync(first, "replica-a", now, TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal("m1", second?.Path);
        // The handed-over entry is leased: a lease round finds only the other process's entry, and nothing behind m1.
        var round = await store.LeaseAsync("replica-b", now, TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        Assert.Equal(["o0"], round.Select(m => m.Path));

        // An entry not yet due is left for its retry time.
        await store.RescheduleAsync(second!, "replica-a", now, null, countAttempt: false, CancellationToken.None);
        var again = (await store.LeaseAsync("replica-a", now, TimeSpan.FromMinutes(1), 1, CancellationToken.None)).Single();
        Assert.Equal("m1", again.Path);
        await using (var connection = await database.OpenAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE outbox SET next_attempt_at = " + now.AddMinutes(5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + " WHERE path = 'm2'";
            await command.ExecuteNonQueryAsync();
        }
        Assert.Null(await store.CompleteAndLeaseNextAsync(again, "replica-a", now, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Empty(await store.LeaseAsync("replica-a", now, TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        if (database is IAsyncDisposable disposable)
            await disposable.DisposeAsync();
    }

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
