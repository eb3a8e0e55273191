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
    private readonly string? _schema;

    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="schema">Optional schema of this participant, so that several participants can share one database.</param>
    public PostgresDatabase(string connectionString, string? schema = null)
    {
        if (schema is not null && !IsPlainIdentifier(schema))
            throw new ArgumentException("A schema name must be a plain lower-case SQL identifier.", nameof(schema));
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (schema is not null)
            builder.SearchPath = schema;
        _schema = schema;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>True for names that need no quoting: lower-case letters, digits and underscores, not starting with a digit.</summary>
    public static bool IsPlainIdentifier(string name) =>
        name.Length is > 0 and <= 63 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    public override SqlDialect Dialect => SqlDialect.Postgres;

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken);

    public override bool IsUniqueViolation(DbException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    internal override async Task PrepareMigrationAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@key)", new { key = MigrationLockKey }, transaction, cancellationToken: cancellationToken));
        if (_schema is not null)
            await connection.ExecuteAsync(new CommandDefinition($"CREATE SCHEMA IF NOT EXISTS {_schema}", transaction: transaction, cancellationToken: cancellationToken));
    }

    internal override async Task<DbTransaction> BeginMigrationTransactionAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
