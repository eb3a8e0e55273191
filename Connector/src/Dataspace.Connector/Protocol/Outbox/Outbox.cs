using System.Data.Common;
using Dapper;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>Writes work into the outbox inside the caller's transaction, and wakes the dispatcher once it is committed.</summary>
public sealed class Outbox(OutboxSignal signal, TimeProvider time)
{
    /// <summary>Adds <paramref name="entry"/> behind any earlier entries of the same process; visible once the transaction commits.</summary>
    public async Task EnqueueAsync(DbConnection connection, DbTransaction transaction, OutboxEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entry);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        // The process's own state row is updated in the same transaction under a version check, so two writers never
        // race for the same sequence number.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO outbox (id, process_id, topic, name, peer_did, path, body, sequence, attempts, next_attempt_at, created_at)
            VALUES (@Id, @ProcessId, @Topic, @Name, @PeerDid, @Path, @Body,
                    (SELECT COALESCE(MAX(sequence), 0) + 1 FROM outbox WHERE process_id = @ProcessId), 0, @Now, @Now)
            """,
            new { Id = Guid.NewGuid().ToString("n"), entry.ProcessId, entry.Topic, entry.Name, entry.PeerDid, entry.Path, Body = entry.Body?.ToJsonString(), Now = now },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Wakes the dispatcher; call after the transaction that enqueued work has committed.</summary>
    public void Notify() => signal.Notify();
}
