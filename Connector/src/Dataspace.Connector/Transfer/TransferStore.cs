using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol.Outbox;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Persists transfer processes. A state change and the outbox entries it calls for commit in one transaction, and every
/// update is checked against the version it was read at, so concurrent writers cannot lose a transition.
/// </summary>
public sealed class TransferStore(ConnectorDatabase database, Outbox outbox)
{
    /// <summary>The outbox topic of transfer work.</summary>
    public const string Topic = "transfer";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private const string Columns = "id AS Id, version AS Version, document AS Document";

    /// <summary>The transfer whose own pid is <paramref name="id"/>, or null.</summary>
    public Task<TransferProcess?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        SingleAsync("id = @id", new { id }, cancellationToken);

    /// <summary>The transfer in <paramref name="role"/> with <paramref name="counterPartyDid"/> under its pid <paramref name="counterPid"/>.</summary>
    public Task<TransferProcess?> FindByCounterPidAsync(NegotiationRole role, string counterPartyDid, string counterPid, CancellationToken cancellationToken = default) =>
        SingleAsync("role = @role AND counter_party_did = @counterPartyDid AND counter_pid = @counterPid",
            new { role = role.ToString(), counterPartyDid, counterPid }, cancellationToken);

    /// <summary>The transfer a live EDR token with hash <paramref name="tokenHash"/> is bound to, or null.</summary>
    public Task<TransferProcess?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken = default) =>
        SingleAsync("token_hash = @tokenHash", new { tokenHash }, cancellationToken);

    /// <summary>Transfers, newest first, one page.</summary>
    public async Task<IReadOnlyList<TransferProcess>> ListAsync(int offset, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM transfer_processes ORDER BY created_at DESC, id LIMIT @limit OFFSET @offset",
            new { offset, limit }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToTransfer()).ToList();
    }

    /// <summary>Stores a new transfer with its outbox entries; false when its counterparty pid is taken (nothing is written then).</summary>
    public async Task<bool> InsertAsync(TransferProcess transfer, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO transfer_processes (id, role, counter_party_did, counter_pid, agreement_id, state, token_hash, version, document, created_at, updated_at)
            VALUES (@Id, @Role, @CounterPartyDid, @CounterPid, @AgreementId, @State, @TokenHash, 1, @Document, @CreatedAt, @UpdatedAt)
            ON CONFLICT DO NOTHING
            """, Parameters(transfer), transaction, cancellationToken: cancellationToken));
        if (inserted != 1)
            return false;
        foreach (var entry in entries)
            await outbox.EnqueueAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        transfer.Version = 1;
        if (entries.Count > 0)
            outbox.Notify();
        return true;
    }

    /// <summary>Saves <paramref name="transfer"/> with its outbox entries if nobody changed it since it was read; false otherwise (re-read and decide again).</summary>
    public async Task<bool> UpdateAsync(TransferProcess transfer, IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE transfer_processes
            SET counter_pid = @CounterPid, state = @State, token_hash = @TokenHash, version = version + 1, document = @Document, updated_at = @UpdatedAt
            WHERE id = @Id AND version = @Version
            """, Parameters(transfer), transaction, cancellationToken: cancellationToken));
        if (updated != 1)
            return false;
        foreach (var entry in entries)
            await outbox.EnqueueAsync(connection, transaction, entry, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        transfer.Version++;
        if (entries.Count > 0)
            outbox.Notify();
        return true;
    }

    private async Task<TransferProcess?> SingleAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM transfer_processes WHERE {where}", parameters, cancellationToken: cancellationToken));
        return row?.ToTransfer();
    }

    private static object Parameters(TransferProcess t) => new
    {
        t.Id,
        Role = t.Role.ToString(),
        t.CounterPartyDid,
        t.CounterPid,
        t.AgreementId,
        State = t.State.ToWire(),
        t.TokenHash,
        t.Version,
        Document = JsonSerializer.Serialize(t, Json),
        CreatedAt = t.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
        UpdatedAt = t.UpdatedAt.ToString("O", CultureInfo.InvariantCulture),
    };

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public long Version { get; set; }
        public string Document { get; set; } = "";

        public TransferProcess ToTransfer()
        {
            var transfer = JsonSerializer.Deserialize<TransferProcess>(Document, Json)!;
            transfer.Version = Version;
            return transfer;
        }
    }
}
