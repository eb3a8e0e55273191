using System.Data.Common;
using Dapper;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Moves SQLite's write-ahead log into the database file off the ledger writer's commit path: after each commit the
/// writer asks for a passive checkpoint, which runs on a connection and thread of its own, one at a time.
/// </summary>
/// <remarks>
/// SQLite checkpoints inside the committing connection once the log passes <see cref="SqliteDefaultPages"/> pages, which
/// a batch of thousands of entries always does: every batch then also copied its pages into the database file and synced
/// it before any caller completed. The writer instead raises its own connection's threshold to <see cref="WriterBoundPages"/>
/// (the bound should these checkpoints fall behind) and asks here. A passive checkpoint never blocks the writer or
/// readers, and durability is unchanged: a commit is durable once its log frames are synced (<c>synchronous=FULL</c>).
/// </remarks>
internal sealed class WalCheckpoints(ConnectorDatabase database)
{
    /// <summary>SQLite's own <c>wal_autocheckpoint</c>, which the writer's pooled connection gets back after its batch.</summary>
    public const int SqliteDefaultPages = 1000;

    /// <summary>The writer's threshold: 64 MiB of 4 KiB pages, so the log stays bounded even with these checkpoints behind.</summary>
    public const int WriterBoundPages = 16384;

    // Requests not yet served; a task runs while it is above zero.
    private int _requests;

    /// <summary>Sets the writer connection's threshold for its batch: <see cref="WriterBoundPages"/>, or back to SQLite's default.</summary>
    public static Task SetThresholdAsync(DbConnection connection, int pages, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"PRAGMA wal_autocheckpoint={pages}", cancellationToken: cancellationToken));

    /// <summary>Gives the writer's connection SQLite's default threshold back; after a failed batch it may be broken, and then keeping the bound is harmless.</summary>
    public static async Task RestoreThresholdAsync(DbConnection connection)
    {
        try
        {
            await SetThresholdAsync(connection, SqliteDefaultPages, CancellationToken.None);
        }
        catch (DbException)
        {
            // Not worth hiding the batch's own error for.
        }
    }

    /// <summary>Asks for a checkpoint after a commit; returns at once. Requests made while one runs are served by one more pass.</summary>
    public void Request()
    {
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _ = Task.Run(RunAsync);
        }
    }

    private async Task RunAsync()
    {
        int served;
        do
        {
            served = Volatile.Read(ref _requests);
            try
            {
                await using var connection = await database.OpenAsync();
                await connection.ExecuteAsync("PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (DbException)
            {
                // Nothing is lost: the log keeps every committed frame, the next commit asks again, and SQLite's own
                // checkpoint at the writer's bound still runs should these keep failing.
            }
        }
        while (Interlocked.Add(ref _requests, -served) > 0);
    }
}
