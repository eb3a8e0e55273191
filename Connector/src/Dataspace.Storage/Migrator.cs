using Dapper;

namespace Dataspace.Connector.Storage;

/// <summary>Brings a database up to the newest schema version, each migration in its own transaction.</summary>
public static class Migrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version    INTEGER PRIMARY KEY,
            name       TEXT    NOT NULL,
            applied_at TEXT    NOT NULL
        )
        """;

    /// <summary>Applies every migration of <paramref name="migrations"/> newer than the recorded version; returns the versions applied.</summary>
    /// <remarks>The host owns the list because it composes the migrations of every feature it runs.</remarks>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        ConnectorDatabase database, IReadOnlyList<Migration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        EnsureOrdered(migrations);
        var applied = new List<int>();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var migration in migrations)
        {
            await using var transaction = await database.BeginMigrationTransactionAsync(connection, cancellationToken);
            await database.PrepareMigrationAsync(connection, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(CreateVersionTable, transaction: transaction, cancellationToken: cancellationToken));
            var current = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT MAX(version) FROM schema_version", transaction: transaction, cancellationToken: cancellationToken)) ?? 0;
            if (migration.Version <= current)
                continue;
            await connection.ExecuteAsync(new CommandDefinition(migration.SqlFor(database.Dialect), transaction: transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = DateTimeOffset.UtcNow.ToString("O") },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            applied.Add(migration.Version);
        }
        return applied;
    }

    /// <summary>The newest version recorded, or 0 for an empty database.</summary>
    public static async Task<int> CurrentVersionAsync(ConnectorDatabase database, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(CreateVersionTable, cancellationToken: cancellationToken));
        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_version", cancellationToken: cancellationToken)) ?? 0;
    }

    private static void EnsureOrdered(IReadOnlyList<Migration> migrations)
    {
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version <= migrations[i - 1].Version)
                throw new InvalidOperationException($"Migration {migrations[i].Version} is out of order.");
        }
    }
}
