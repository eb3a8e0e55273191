using System.Data.Common;

namespace Dataspace.Connector.Storage;

/// <summary>The seam between the stores and their database: SQLite embedded, PostgreSQL in production.</summary>
public abstract class ConnectorDatabase
{
    /// <summary>Which SQL variant the migrations and the few dialect-specific statements use.</summary>
    public abstract SqlDialect Dialect { get; }

    /// <summary>Opens a pooled connection configured for this database.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Opens a transaction that will write. SQLite takes its write lock up front, so two writers queue on the busy
    /// timeout instead of failing when a read lock cannot be upgraded; PostgreSQL starts an ordinary transaction.
    /// </summary>
    public virtual async Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        await connection.BeginTransactionAsync(cancellationToken);

    /// <summary>True when <paramref name="exception"/> reports a violated unique or primary key constraint.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    /// <summary>Holds a database-wide lock for the current transaction so that replicas migrate one at a time, and creates the schema if needed.</summary>
    internal abstract Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Opens the transaction in which migrations run; SQLite takes its write lock up front.</summary>
    internal abstract Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken);
}

/// <summary>SQL dialects the stores speak.</summary>
public enum SqlDialect
{
    Sqlite,
    Postgres,
}
