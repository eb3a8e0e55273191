using System.Data.Common;
using Dapper;
using Dataspace.Connector.Storage;
using Microsoft.Data.Sqlite;

namespace Dataspace.Connector.Ledger;

/// <summary>Opens the one write transaction that appends a batch, holding the ledger's lock so replicas append one at a time.</summary>
public static class LedgerLock
{
    // "Ledg": shared by every replica; the second key is the schema, since participants sharing a database have separate ledgers.
    private const int AdvisoryKey = 0x4C656467;

    /// <summary>Begins a transaction that no other writer of the same database can interleave with.</summary>
    public static async Task<DbTransaction> BeginAsync(ConnectorDatabase database, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(connection);
        if (database.Dialect == SqlDialect.Sqlite)
        {
            // BEGIN IMMEDIATE takes SQLite's single write lock up front, before the tree size is read.
            return ((SqliteConnection)connection).BeginTransaction(deferred: false);
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Released at commit or rollback, so a crashed replica never leaves the ledger locked.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key, hashtext(current_schema()))", new { key = AdvisoryKey }, transaction, cancellationToken: cancellationToken));
        return transaction;
    }
}
