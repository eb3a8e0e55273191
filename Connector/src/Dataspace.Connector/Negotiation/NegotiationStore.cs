using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Dapper;
using Dataspace.Connector.Protocol.Outbox;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// Persists negotiations and agreements. A state change and the outbox entries it calls for commit in one transaction,
/// and every update is checked against the version it was read at, so concurrent writers cannot lose a transition.
/// </summary>
public sealed class NegotiationStore(ConnectorDatabase database, Outbox outbox)
{
    /// <summary>The outbox topic of negotiation work.</summary>
    public const string Topic = "negotiation";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private const string Columns = "id AS Id, version AS Version, document AS Document";

    /// <summary>
    /// Raised after a negotiation's insert or update has committed, with its id and new state. In-process only: writes
    /// by other replicas sharing the database are not seen. Handlers run on the writer's thread and must not throw.
    /// </summary>
    public event Action<string, NegotiationState>? Committed;

    /// <summary>The negotiation whose own pid is <paramref name="id"/>, or null.</summary>
    public async Task<ContractNegotiation?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM contract_negotiations WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToNegotiation();
    }

    /// <summary>The negotiation in <paramref name="role"/> with <paramref name="counterPartyDid"/> under its pid <paramref name="counterPid"/>.</summary>
    public async Task<ContractNegotiation?> FindByCounterPidAsync(NegotiationRole role, string counterPartyDid, string counterPid, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM contract_negotiations WHERE role = @role AND counter_party_did = @counterPartyDid AND counter_pid = @counterPid",
            new { role = role.ToString(), counterPartyDid, counterPid }, cancellationToken: cancellationToken));
        return row?.ToNegotiation();
    }

    /// <summary>Negotiations, newest first, one page.</summary>
    public async Task<IReadOnlyList<ContractNegotiation>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM contract_negotiations ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset",
            new { offset, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToNegotiation()).ToList();
    }

    /// <summary>Stores a new negotiation with its outbox entries; false when its counterparty pid is taken (nothing is written then).</summary>
    public async Task<bool> InsertAsync(ContractNegotiation negotiation, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO contract_negotiations (id, role, counter_party_did, counter_pid, state, version, document, created_at, updated_at)
            VALUES (@Id, @Role, @CounterPartyDid, @CounterPid, @State, 1, @Document, @CreatedAt, @UpdatedAt)
            ON CONFLICT DO NOTHING
            """, Parameters(negotiation), transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
            return false;
        foreach (var entry in entries)
            await outbox.EnqueueAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        negotiation.Version = 1;
        if (entries.Count > 0)
            outbox.Notify();
        Committed?.Invoke(negotiation.Id, negotiation.State);
        return true;
    }

    /// <summary>
    /// Saves <paramref name="negotiation"/> if nobody changed it since it was read, with its outbox entries and, when it
    /// was just finalized, its agreement; false on a concurrent change (the caller re-reads and decides again).
    /// </summary>
    public async Task<bool> UpdateAsync(ContractNegotiation negotiation, IReadOnlyList<OutboxEntry> entries, ContractAgreementRecord? concluded = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE contract_negotiations
            SET counter_pid = @CounterPid, state = @State, version = version + 1, document = @Document, updated_at = @UpdatedAt
            WHERE id = @Id AND version = @Version
            """, Parameters(negotiation), transaction, cancellationToken: cancellationToken));
        if (updated != 1)
            return false;
        foreach (var entry in entries)
            await outbox.EnqueueAsync(connection, transaction, entry, cancellationToken);
        if (concluded is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO contract_agreements (id, negotiation_id, role, counter_party_did, asset_id, document, concluded_at)
                VALUES (@Id, @NegotiationId, @Role, @CounterPartyDid, @AssetId, @Document, @ConcludedAt)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    concluded.Id, concluded.NegotiationId, Role = concluded.Role.ToString(), concluded.CounterPartyDid, concluded.AssetId,
                    Document = concluded.Agreement.ToJsonString(), ConcludedAt = concluded.ConcludedAt.ToString("O", CultureInfo.InvariantCulture),
                }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        negotiation.Version++;
        if (entries.Count > 0)
            outbox.Notify();
        Committed?.Invoke(negotiation.Id, negotiation.State);
        return true;
    }

    /// <summary>Concluded agreements, newest first, one page.</summary>
    public async Task<IReadOnlyList<ContractAgreementRecord>> ListAgreementsAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AgreementRow>(new CommandDefinition($"""
            SELECT {AgreementColumns} FROM contract_agreements ORDER BY concluded_at DESC, id LIMIT @limit OFFSET @offset
            """, new { offset, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <summary>The concluded agreement with <paramref name="id"/>, or null.</summary>
    public async Task<ContractAgreementRecord?> FindAgreementAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AgreementRow>(new CommandDefinition(
            $"SELECT {AgreementColumns} FROM contract_agreements WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    private const string AgreementColumns =
        "id AS Id, negotiation_id AS NegotiationId, role AS Role, counter_party_did AS CounterPartyDid, asset_id AS AssetId, document AS Document, concluded_at AS ConcludedAt";

    private static object Parameters(ContractNegotiation n) => new
    {
        n.Id,
        Role = n.Role.ToString(),
        n.CounterPartyDid,
        n.CounterPid,
        State = n.State.ToWire(),
        n.Version,
        Document = JsonSerializer.Serialize(n, Json),
        CreatedAt = n.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        UpdatedAt = n.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public long Version { get; set; }
        public string Document { get; set; } = "";

        public ContractNegotiation ToNegotiation()
        {
            var negotiation = JsonSerializer.Deserialize<ContractNegotiation>(Document, Json)!;
            negotiation.Version = Version;
            return negotiation;
        }
    }

    private sealed class AgreementRow
    {
        public string Id { get; set; } = "";
        public string NegotiationId { get; set; } = "";
        public string Role { get; set; } = "";
        public string CounterPartyDid { get; set; } = "";
        public string AssetId { get; set; } = "";
        public string Document { get; set; } = "";
        public string ConcludedAt { get; set; } = "";

        public ContractAgreementRecord ToRecord() => new(Id, NegotiationId, Enum.Parse<NegotiationRole>(Role), CounterPartyDid, AssetId,
            DateTimeOffset.Parse(ConcludedAt, CultureInfo.InvariantCulture), (JsonObject)JsonNode.Parse(Document)!);
    }
}
