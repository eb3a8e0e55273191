using System.Data.Common;
using Dataspace.Connector.Storage;
using Microsoft.Data.Sqlite;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>Opens transactions that read, then write: the state stores and the outbox lease use them.</summary>
public static class WriteTransaction
{
    /// <summary>
    /// SQLite: <c>BEGIN IMMEDIATE</c>, so the write lock is taken up front and two writers queue on the busy timeout
    /// instead of one failing when it upgrades a read lock. PostgreSQL: an ordinary read-committed transaction; the
    /// statements themselves lock what they need (version checks, <c>FOR UPDATE SKIP LOCKED</c>).
    /// </summary>
    public static async Task<DbTransaction> BeginAsync(ConnectorDatabase database, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Dialect == SqlDialect.Sqlite)
            return ((SqliteConnection)connection).BeginTransaction(deferred: false);
        return await connection.BeginTransactionAsync(cancellationToken);
    }
}
