using System.Text.Json;
using Dapper;

namespace Dataspace.Connector.Storage;

/// <summary>
/// A table of JSON documents keyed by id, the same on SQLite and PostgreSQL. Assets, policies and contract definitions
/// are read whole and queried by id, so one JSON column serves them better than a column per field.
/// </summary>
/// <typeparam name="T">The document type, serialised with <paramref name="json"/>.</typeparam>
public sealed class DocumentTable<T>(ConnectorDatabase database, string table, JsonSerializerOptions json, TimeProvider time)
    where T : class
{
    /// <summary>The statements that create such a table; used by migrations.</summary>
    public static string CreateSql(string table) => $"""
        CREATE TABLE {table} (
            id         TEXT PRIMARY KEY,
            document   TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        """;

    /// <summary>Stores a new document; false when the id is taken (nothing changes then).</summary>
    public async Task<bool> InsertAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {table} (id, document, created_at, updated_at) VALUES (@id, @document, @now, @now) ON CONFLICT DO NOTHING",
            new { id, document = JsonSerializer.Serialize(document, json), now }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Replaces an existing document; false when there is none.</summary>
    public async Task<bool> UpdateAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET document = @document, updated_at = @now WHERE id = @id",
            new { id, document = JsonSerializer.Serialize(document, json), now = time.GetUtcNow().ToString("O") }, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Inserts or replaces.</summary>
    public async Task UpsertAsync(string id, T document, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().ToString("O");
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {table} (id, document, created_at, updated_at) VALUES (@id, @document, @now, @now)
            ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
            """,
            new { id, document = JsonSerializer.Serialize(document, json), now }, cancellationToken: cancellationToken));
    }

    /// <summary>The document with <paramref name="id"/>, or null.</summary>
    public async Task<T?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var text = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            $"SELECT document FROM {table} WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return text is null ? null : JsonSerializer.Deserialize<T>(text, json);
    }

    /// <summary>Documents in id order, one page.</summary>
    public async Task<IReadOnlyList<T>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT document FROM {table} ORDER BY id LIMIT @limit OFFSET @offset", new { offset, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => JsonSerializer.Deserialize<T>(r, json)!).ToList();
    }

    /// <summary>Every document, in id order.</summary>
    public Task<IReadOnlyList<T>> AllAsync(CancellationToken cancellationToken = default) => ListAsync(0, int.MaxValue, cancellationToken);

    /// <summary>How many documents there are.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {table}", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// A cheap fingerprint of the table's contents (row count and newest change), so a reader can keep a parsed copy
    /// and re-read only after a write — by this replica or any other sharing the database.
    /// </summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var (count, last) = await connection.QuerySingleAsync<(long, string?)>(new CommandDefinition(
            $"SELECT COUNT(*), MAX(updated_at) FROM {table}", cancellationToken: cancellationToken));
        return $"{count}|{last}";
    }

    /// <summary>Deletes the document; false when there was none.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE id = @id", new { id }, cancellationToken: cancellationToken)) == 1;
    }
}
