using Dapper;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>Leases due outbox entries and records what became of them. Each replica leases under its own id.</summary>
public sealed class OutboxStore(ConnectorDatabase database)
{
    /// <summary>Leases up to <paramref name="batch"/> due entries, at most the first pending entry of each process.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string replica, DateTimeOffset now, TimeSpan duration, int batch, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        // PostgreSQL: rows another replica is leasing right now are skipped, not waited for. SQLite: BEGIN IMMEDIATE
        // already serialises the writers.
        var locking = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT o.id AS Id, o.process_id AS ProcessId, o.topic AS Topic, o.name AS Name, o.peer_did AS PeerDid,
                   o.path AS Path, o.body AS Body, o.attempts AS Attempts
            FROM outbox o
            WHERE o.next_attempt_at <= @Now AND (o.lease_until IS NULL OR o.lease_until < @Now)
              AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.process_id = o.process_id AND e.sequence < o.sequence)
            ORDER BY o.next_attempt_at, o.sequence
            LIMIT @Batch{locking}
            """, new { Now = now.ToUnixTimeMilliseconds(), Batch = batch }, transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count > 0)
        {
            // Npgsql takes the list as one array parameter; Dapper expands it into a list for SQLite.
            var ids = database.Dialect == SqlDialect.Postgres ? "= ANY(@Ids)" : "IN @Ids";
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE outbox SET leased_by = @Replica, lease_until = @Until WHERE id {ids}",
                new { Replica = replica, Until = (now + duration).ToUnixTimeMilliseconds(), Ids = rows.Select(r => r.Id).ToArray() },
                transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return rows.Select(r => new OutboxMessage(r.Id, r.ProcessId, r.Topic, r.Name, r.PeerDid, r.Path, r.Body, r.Attempts)).ToList();
    }

    /// <summary>When the next entry falls due (or a lease runs out), or null when the outbox is empty.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > next_attempt_at THEN lease_until ELSE next_attempt_at END) FROM outbox",
            cancellationToken: cancellationToken));
        return next is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    /// <summary>Removes an entry this replica handled, unless its lease was lost to another replica meanwhile.</summary>
    public async Task CompleteAsync(OutboxMessage message, string replica, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE id = @Id AND leased_by = @Replica", new { message.Id, Replica = replica }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Removes an entry this replica handled and, in the same transaction, leases the next entry of its process when that
    /// one is already due (a step's message, usually), so a process moves on without waiting for the next lease round.
    /// Returns that next entry, or null (nothing due, or the handled entry's lease was lost to another replica).
    /// </summary>
    public async Task<OutboxMessage?> CompleteAndLeaseNextAsync(OutboxMessage message, string replica, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        var deleted = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox WHERE id = @Id AND leased_by = @Replica", new { message.Id, Replica = replica }, transaction, cancellationToken: cancellationToken));
        Row? next = null;
        if (deleted == 1)
        {
            // The first entry of the process, whatever its state (SKIP LOCKED could skip it and return a later one). The
            // lease is taken by a conditional update, so a replica that leased it meanwhile keeps it.
            var first = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
                SELECT id AS Id, process_id AS ProcessId, topic AS Topic, name AS Name, peer_did AS PeerDid, path AS Path, body AS Body,
                       attempts AS Attempts
                FROM outbox WHERE process_id = @ProcessId ORDER BY sequence LIMIT 1
                """, new { message.ProcessId }, transaction, cancellationToken: cancellationToken));
            if (first is not null && await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE outbox SET leased_by = @Replica, lease_until = @Until
                    WHERE id = @Id AND next_attempt_at <= @Now AND (lease_until IS NULL OR lease_until < @Now)
                    """,
                    new { Replica = replica, Until = (now + duration).ToUnixTimeMilliseconds(), Now = now.ToUnixTimeMilliseconds(), first.Id },
                    transaction, cancellationToken: cancellationToken)) == 1)
                next = first;
        }
        await transaction.CommitAsync(cancellationToken);
        return next is null ? null : new OutboxMessage(next.Id, next.ProcessId, next.Topic, next.Name, next.PeerDid, next.Path, next.Body, next.Attempts);
    }

    /// <summary>Releases the lease and sets the next attempt; <paramref name="countAttempt"/> is false when the attempt never happened (shutdown).</summary>
    public async Task RescheduleAsync(OutboxMessage message, string replica, DateTimeOffset next, string? error, bool countAttempt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox SET attempts = attempts + @Increment, next_attempt_at = @Next, leased_by = NULL, lease_until = NULL,
                              last_error = COALESCE(@Error, last_error)
            WHERE id = @Id AND leased_by = @Replica
            """,
            new { message.Id, Replica = replica, Next = next.ToUnixTimeMilliseconds(), Error = error, Increment = countAttempt ? 1 : 0 },
            cancellationToken: cancellationToken));
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string ProcessId { get; set; } = "";
        public string Topic { get; set; } = "";
        public string Name { get; set; } = "";
        public string? PeerDid { get; set; }
        public string? Path { get; set; }
        public string? Body { get; set; }
        public long Attempts { get; set; }
    }
}
