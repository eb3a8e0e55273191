using System.Data.Common;
using Dapper;
using Npgsql;

namespace Dataspace.Connector.Storage.Postgres;

/// <summary>PostgreSQL for production: several connector replicas may share one database.</summary>
public sealed class PostgresDatabase : ConnectorDatabase, IAsyncDisposable
{
    // An arbitrary constant shared by every replica so that only one of them migrates at a time.
    private const long MigrationLockKey = 0x44617461_73706163;

    private readonly NpgsqlDataSource _dataSource;

    public PostgresDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    internal override Task LockForMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction, cancellationToken: cancellationToken));

    internal override async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
