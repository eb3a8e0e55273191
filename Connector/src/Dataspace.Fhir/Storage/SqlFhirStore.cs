using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Dapper;
using Dataspace.Connector.Storage;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Fhir.Storage;

/// <summary>The FHIR store on the connector's database (SQLite or PostgreSQL), written once in SQL both accept.</summary>
public sealed class SqlFhirStore(ConnectorDatabase database, TimeProvider time) : IFhirStore
{
    private const string CurrentColumns = "rid, resource_type, id, version, last_updated, deleted, resource";
    private const int FirstStreamPage = 100;

    /// <inheritdoc />
    public async Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadCurrentAsync(database, connection, null, resourceType, id, forUpdate: false, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StoredResource?> ReadVersionAsync(string resourceType, string id, int versionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, new CommandDefinition(
            "SELECT CAST(0 AS BIGINT), resource_type, id, version, last_updated, deleted, resource FROM fhir_history WHERE resource_type = @resourceType AND id = @id AND version = @versionId",
            new { resourceType, id, versionId = (long)versionId }, cancellationToken: cancellationToken));
        return rows.FirstOrDefault()?.Resource;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredResource>> HistoryAsync(string resourceType, string id, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, new CommandDefinition(
            "SELECT CAST(0 AS BIGINT), resource_type, id, version, last_updated, deleted, resource FROM fhir_history WHERE resource_type = @resourceType AND id = @id ORDER BY version DESC LIMIT @limit",
            new { resourceType, id, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.Resource).ToList();
    }

    /// <inheritdoc />
    public async Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await QueryAsync(connection, SqlSearch.Page(query, time.GetUtcNow(), database.Dialect, cancellationToken));
        var more = rows.Count > query.Count;
        if (more)
            rows.RemoveAt(rows.Count - 1);
        if (query.Cursor is { Backward: true })
        {
            // A previous page was read in reverse order; give it back in the query's order.
            rows.Reverse();
            return new SearchPage(rows, HasPrevious: more, HasNext: true);
        }
        return new SearchPage(rows, HasPrevious: query.Cursor is not null, HasNext: more);
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(SqlSearch.Count(query, time.GetUtcNow(), database.Dialect, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ResourceTypesAsync(bool patientCompartmentOnly, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var types = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT resource_type FROM fhir_resources WHERE deleted = 0" + (patientCompartmentOnly ? " AND patient IS NOT NULL" : "") + " ORDER BY resource_type",
            cancellationToken: cancellationToken));
        return types.ToList();
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<StoredResource> StreamAsync(string resourceType, StreamFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var sql = $"SELECT {CurrentColumns}, rid FROM fhir_resources WHERE resource_type = @type AND deleted = 0";
        AddParameter(command, "type", resourceType);
        if (filter.Since is { } since)
        {
            sql += " AND last_updated > @since";
            AddParameter(command, "since", since.UtcTicks);
        }
        if (filter.Until is { } until)
        {
            sql += " AND last_updated <= @until";
            AddParameter(command, "until", until.UtcTicks);
        }
        if (filter.PatientCompartmentOnly)
            sql += " AND patient IS NOT NULL";
        command.CommandText = sql + " ORDER BY rid";
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            yield return Map(reader).Resource;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> StreamMatchesAsync(SearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = new List<(long SortValue, long Row, byte[] Json)>(query.Count + 1);
        var walked = SqlSearch.ReferenceWalk(query);
        var cursor = query.Cursor is { Backward: false } start ? start : null;
        // The first page is small, so the first rows reach the caller (and its consumer) without waiting for a full page.
        var size = Math.Min(query.Count, FirstStreamPage);
        while (true)
        {
            page.Clear();
            var statement = walked is not null
                ? SqlSearch.ReferencePage(query with { Count = size }, walked, cursor?.Row, time.GetUtcNow(), database.Dialect, cancellationToken)
                : SqlSearch.Page(query with { Count = size, Cursor = cursor }, time.GetUtcNow(), database.Dialect, cancellationToken);
            // Each page is its own short statement: the connection goes back to the pool before the caller writes, so a
            // slow consumer never holds a read snapshot (SQLite) or a connection (PostgreSQL) open.
            await using (var connection = await database.OpenAsync(cancellationToken))
            await using (var reader = await connection.ExecuteReaderAsync(statement, CommandBehavior.SequentialAccess))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = reader.GetInt64(0);
                    var json = ReadUtf8(reader, 6, database.Dialect);
                    page.Add((reader.GetInt64(7), row, json));
                }
            }
            var more = page.Count > size;
            var count = more ? size : page.Count;
            for (var i = 0; i < count; i++)
            {
                // A walked reference held twice by one resource yields its row twice in a row; it is one match.
                if (i == 0 || page[i].Row != page[i - 1].Row)
                    yield return page[i].Json;
            }
            if (!more || count == 0)
                yield break;
            cursor = new SearchCursor(false, page[count - 1].SortValue, page[count - 1].Row);
            size = query.Count;
        }
    }

    /// <inheritdoc />
    public async Task<IFhirWriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            var transaction = await database.BeginWriteTransactionAsync(connection, cancellationToken);
            return new SqlFhirWriteTransaction(database, connection, transaction, time);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reads the current row of a resource, locking it on PostgreSQL when it is about to be written.</summary>
    internal static async Task<StoredResource?> ReadCurrentAsync(
        ConnectorDatabase database, DbConnection connection, DbTransaction? transaction, string resourceType, string id, bool forUpdate, CancellationToken cancellationToken)
    {
        var lockClause = forUpdate && database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
        var rows = await QueryAsync(connection, new CommandDefinition(
            $"SELECT {CurrentColumns}, rid FROM fhir_resources WHERE resource_type = @resourceType AND id = @id{lockClause}",
            new { resourceType, id }, transaction, cancellationToken: cancellationToken));
        return rows.FirstOrDefault()?.Resource;
    }

    /// <summary>Runs a query whose columns are <c>rid, resource_type, id, version, last_updated, deleted, resource, sort value</c>.</summary>
    internal static async Task<List<SearchMatch>> QueryAsync(DbConnection connection, CommandDefinition command)
    {
        await using var reader = await connection.ExecuteReaderAsync(command, CommandBehavior.SequentialAccess);
        var rows = new List<SearchMatch>();
        while (await reader.ReadAsync(command.CancellationToken))
            rows.Add(Map(reader));
        return rows;
    }

    /// <summary>Reads one row in the column order above.</summary>
    internal static SearchMatch Map(DbDataReader reader)
    {
        var row = reader.GetInt64(0);
        var resource = new StoredResource(
            reader.GetString(1),
            reader.GetString(2),
            checked((int)reader.GetInt64(3)),
            new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero),
            reader.GetInt64(5) != 0,
            reader.IsDBNull(6) ? null : reader.GetString(6));
        var sortValue = reader.FieldCount > 7 ? reader.GetInt64(7) : row;
        return new SearchMatch(resource, sortValue, row);
    }

    /// <summary>
    /// A text column's UTF-8 bytes: SQLite hands out the stored bytes as they are (no string is decoded and encoded back);
    /// other providers give a string.
    /// </summary>
    private static byte[] ReadUtf8(DbDataReader reader, int ordinal, SqlDialect dialect) =>
        dialect == SqlDialect.Sqlite ? reader.GetFieldValue<byte[]>(ordinal) : System.Text.Encoding.UTF8.GetBytes(reader.GetString(ordinal));

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
