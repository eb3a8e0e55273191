using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Dataspace.Connector.Storage.Sqlite;

/// <summary>The embedded default: one SQLite file per participant, in WAL mode.</summary>
public sealed class SqliteDatabase : ConnectorDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (folder is not null)
            Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override SqlDialect Dialect => SqlDialect.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL lets readers run beside the single writer; FULL sync makes an acknowledged write survive power loss;
        // the busy timeout turns writer contention into waiting instead of SQLITE_BUSY errors.
        await connection.ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    public override Task<DbTransaction> BeginWriteTransactionAsync(DbConnection connection, CancellationToken cancellationToken = default) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // SQLITE_CONSTRAINT with the extended codes for UNIQUE (2067) and PRIMARY KEY (1555).
    public override bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    internal override Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    internal override async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Deferred transactions would let two processes read the same schema version and both migrate.
        var sqlite = (SqliteConnection)connection;
        return await Task.FromResult(sqlite.BeginTransaction(deferred: false));
    }
}
