using Dapper;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Postgres;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Storage;

/// <summary>
/// The behaviour every database backend must show, run once per backend: SQLite always, PostgreSQL when configured.
/// </summary>
public abstract class StoreContract
{
    /// <summary>A new, empty database of the backend under test.</summary>
    protected abstract ConnectorDatabase NewDatabase();

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [SkippableFact]
    public async Task Migrating_an_empty_database_applies_every_migration_and_records_it()
    {
        var database = NewDatabase();
        var applied = await Migrator.MigrateAsync(database);
        Assert.Equal(Migrations.All.Select(m => m.Version), applied);
        Assert.Equal(Migrations.All[^1].Version, await Migrator.CurrentVersionAsync(database));
    }

    [SkippableFact]
    public async Task Migrating_again_changes_nothing()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        Assert.Empty(await Migrator.MigrateAsync(database));
        await using var connection = await database.OpenAsync();
        Assert.Equal(Migrations.All.Count, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_version"));
    }

    [SkippableFact]
    public async Task Concurrent_migrations_apply_each_version_exactly_once()
    {
        var database = NewDatabase();
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator.MigrateAsync(database))));
        Assert.Equal(Migrations.All.Select(m => m.Version), runs.SelectMany(r => r).Order());
    }

    [SkippableFact]
    public async Task A_later_migration_is_applied_on_top_of_an_existing_schema()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        var next = Migrations.All[^1].Version + 1;
        var extended = Migrations.All.Append(new Migration(next, "probe", "CREATE TABLE probe (id INTEGER)", "CREATE TABLE probe (id INTEGER)")).ToList();
        Assert.Equal([next], await Migrator.MigrateAsync(database, extended));
        Assert.Equal(next, await Migrator.CurrentVersionAsync(database));
    }

    [SkippableFact]
    public async Task A_failing_migration_is_rolled_back_and_not_recorded()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        var before = await Migrator.CurrentVersionAsync(database);
        var broken = Migrations.All.Append(new Migration(before + 1, "broken",
            "CREATE TABLE half (id INTEGER); THIS IS NOT SQL", "CREATE TABLE half (id INTEGER); THIS IS NOT SQL")).ToList();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => Migrator.MigrateAsync(database, broken));
        Assert.Equal(before, await Migrator.CurrentVersionAsync(database));
        await using var connection = await database.OpenAsync();
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("SELECT COUNT(*) FROM half"));
    }

    [SkippableFact]
    public async Task A_token_id_is_accepted_once_per_issuer()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        var cache = new TokenReplayCache(database, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        Assert.True(await cache.TryRecordAsync("did:web:a", "jti-1", expires));
        Assert.False(await cache.TryRecordAsync("did:web:a", "jti-1", expires));
        Assert.True(await cache.TryRecordAsync("did:web:b", "jti-1", expires));
    }

    [SkippableFact]
    public async Task Racing_replays_of_one_token_id_admit_exactly_one()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        var cache = new TokenReplayCache(database, TimeProvider.System);
        var expires = DateTimeOffset.UtcNow.AddMinutes(5);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => cache.TryRecordAsync("did:web:a", "race", expires))));
        Assert.Single(results, accepted => accepted);
    }

    [SkippableFact]
    public async Task Purging_forgets_only_expired_token_ids()
    {
        var database = NewDatabase();
        await Migrator.MigrateAsync(database);
        var now = DateTimeOffset.UtcNow;
        var cache = new TokenReplayCache(database, new FixedTime(now));
        await cache.TryRecordAsync("did:web:a", "old", now.AddMinutes(-1));
        await cache.TryRecordAsync("did:web:a", "live", now.AddMinutes(1));
        Assert.Equal(1, await cache.PurgeExpiredAsync());
        Assert.True(await cache.TryRecordAsync("did:web:a", "old", now.AddMinutes(5)));
        Assert.False(await cache.TryRecordAsync("did:web:a", "live", now.AddMinutes(5)));
    }
}

/// <summary>The store contract on the embedded SQLite backend.</summary>
public sealed class SqliteStoreContractTests : StoreContract
{
    protected override ConnectorDatabase NewDatabase() => new SqliteDatabase(Path.Combine(TestPaths.NewTempFolder(), "connector.db"));

    [Fact]
    public async Task The_database_runs_in_write_ahead_log_mode()
    {
        var database = (SqliteDatabase)NewDatabase();
        await Migrator.MigrateAsync(database);
        await using var connection = await database.OpenAsync();
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.True(File.Exists(database.Path));
    }
}

/// <summary>The store contract on PostgreSQL, each test in a schema of its own.</summary>
public sealed class PostgresStoreContractTests : StoreContract
{
    protected override ConnectorDatabase NewDatabase() => new PostgresDatabase(TestPostgres.Require(), TestPostgres.NewSchema());

    [Fact]
    public void Schema_names_that_would_need_quoting_are_refused() =>
        Assert.Throws<ArgumentException>(() => new PostgresDatabase("Host=127.0.0.1", "x; DROP TABLE y"));
}
