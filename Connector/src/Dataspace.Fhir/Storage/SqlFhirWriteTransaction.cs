using System.Data.Common;
using Dapper;
using Dataspace.Connector.Storage;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Storage;

/// <summary>One write transaction of <see cref="SqlFhirStore"/>: every statement on one connection and transaction.</summary>
internal sealed class SqlFhirWriteTransaction(ConnectorDatabase database, DbConnection connection, DbTransaction transaction, TimeProvider time) : IFhirWriteTransaction
{
    public Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default) =>
        SqlFhirStore.ReadCurrentAsync(database, connection, transaction, resourceType, id, forUpdate: true, cancellationToken);

    public async Task<IReadOnlyList<string>> FindIdsAsync(SearchQuery query, int limit, CancellationToken cancellationToken = default) =>
        (await connection.QueryAsync<string>(SqlSearch.Ids(query, limit, time.GetUtcNow(), database.Dialect, transaction, cancellationToken))).ToList();

    public async Task<StoredResource> SaveAsync(Resource resource, StoredResource? current, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource.Id);
        var version = (current?.VersionId ?? 0) + 1;
        var now = Now();
        resource.Meta ??= new Meta();
        resource.Meta.VersionId = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        resource.Meta.LastUpdated = now;
        var json = FhirJson.Serialize(resource);
        var index = ResourceIndexer.Index(resource);
        var row = new
        {
            resourceType = resource.TypeName,
            id = resource.Id,
            version = (long)version,
            previous = (long)(current?.VersionId ?? 0),
            lastUpdated = now.UtcTicks,
            patient = index.PatientId,
            sortDate = index.SortDate,
            json,
        };

        long rid;
        try
        {
            rid = current is null
                ? await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO fhir_resources (resource_type, id, version, last_updated, deleted, patient, sort_date, resource)
                    VALUES (@resourceType, @id, @version, @lastUpdated, 0, @patient, @sortDate, @json) RETURNING rid
                    """, row, transaction, cancellationToken: cancellationToken))
                : await UpdateCurrentAsync(
                    "UPDATE fhir_resources SET version = @version, last_updated = @lastUpdated, deleted = 0, patient = @patient, sort_date = @sortDate, resource = @json",
                    row, cancellationToken);
        }
        catch (DbException e) when (database.IsUniqueViolation(e))
        {
            throw FhirOutcomeException.Conflict($"{resource.TypeName}/{resource.Id} was created by another request at the same time.");
        }

        if (current is not null)
            await ClearIndexAsync(rid, cancellationToken);
        await InsertRowsAsync("fhir_tokens (rid, param, system, code)", rid, index.Tokens, t => [t.Parameter, t.System, t.Code], cancellationToken);
        await InsertRowsAsync("fhir_dates (rid, param, start_at, end_at)", rid, index.Dates, d => [d.Parameter, d.Start, d.End], cancellationToken);
        await InsertRowsAsync("fhir_references (rid, param, target_type, target_id)", rid, index.References, r => [r.Parameter, r.TargetType, r.TargetId], cancellationToken);
        await AppendHistoryAsync(resource.TypeName, resource.Id!, version, now, deleted: false, json, cancellationToken);
        return new StoredResource(resource.TypeName, resource.Id, version, now, false, json);
    }

    public async Task<StoredResource> DeleteAsync(StoredResource current, CancellationToken cancellationToken = default)
    {
        var version = current.VersionId + 1;
        var now = Now();
        var rid = await UpdateCurrentAsync(
            "UPDATE fhir_resources SET version = @version, last_updated = @lastUpdated, deleted = 1, patient = NULL, resource = NULL",
            new { resourceType = current.ResourceType, id = current.Id, version = (long)version, previous = (long)current.VersionId, lastUpdated = now.UtcTicks },
            cancellationToken);
        await ClearIndexAsync(rid, cancellationToken);
        await AppendHistoryAsync(current.ResourceType, current.Id, version, now, deleted: true, null, cancellationToken);
        return new StoredResource(current.ResourceType, current.Id, version, now, true, null);
    }

    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    // meta.lastUpdated carries milliseconds; storing the same precision keeps _lastUpdated=eq{meta.lastUpdated} exact.
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow().ToUniversalTime();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
    }

    private async Task<long> UpdateCurrentAsync(string set, object row, CancellationToken cancellationToken)
    {
        // The version guard turns a write that lost a race into a conflict instead of a silent overwrite.
        var rid = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            set + " WHERE resource_type = @resourceType AND id = @id AND version = @previous RETURNING rid", row, transaction, cancellationToken: cancellationToken));
        return rid ?? throw FhirOutcomeException.Conflict("The resource was changed by another request at the same time.");
    }

    // One multi-row INSERT per index table: a resource's handful of index values cost one round trip, not one each.
    private async Task InsertRowsAsync<T>(string target, long rid, IReadOnlyList<T> rows, Func<T, object[]> values, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;
        var parameters = new DynamicParameters();
        parameters.Add("rid", rid);
        var sql = new System.Text.StringBuilder("INSERT INTO ").Append(target).Append(" VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = values(rows[i]);
            sql.Append(i == 0 ? "(@rid" : ", (@rid");
            for (var j = 0; j < row.Length; j++)
            {
                var name = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"v{i}_{j}");
                parameters.Add(name, row[j]);
                sql.Append(", @").Append(name);
            }
            sql.Append(')');
        }
        await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), parameters, transaction, cancellationToken: cancellationToken));
    }

    private async Task ClearIndexAsync(long rid, CancellationToken cancellationToken)
    {
        foreach (var table in (string[])["fhir_tokens", "fhir_dates", "fhir_references"])
            await connection.ExecuteAsync(new CommandDefinition($"DELETE FROM {table} WHERE rid = @rid", new { rid }, transaction, cancellationToken: cancellationToken));
    }

    private Task AppendHistoryAsync(string resourceType, string id, int version, DateTimeOffset lastUpdated, bool deleted, string? json, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO fhir_history (resource_type, id, version, last_updated, deleted, resource) VALUES (@resourceType, @id, @version, @lastUpdated, @deleted, @json)",
            new { resourceType, id, version = (long)version, lastUpdated = lastUpdated.UtcTicks, deleted = deleted ? 1L : 0L, json },
            transaction, cancellationToken: cancellationToken));
}
