using System.Data.Common;
using Dataspace.Connector.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Dataspace.Connector.Ledger;

/// <summary>Writes one batch's rows inside the writer's transaction (entries, stored subtree hashes, patient index rows) by each database's fastest bulk path.</summary>
internal static class LedgerRows
{
    /// <summary>Inserts <paramref name="entries"/>, the first at <paramref name="firstIndex"/>.</summary>
    public static Task WriteEntriesAsync(ConnectorDatabase database, DbConnection connection, long firstIndex, IReadOnlyList<PreparedEntry> entries, CancellationToken cancellationToken) =>
        IsSqlite(database)
            ? SqliteLedgerRows.WriteEntriesAsync((SqliteConnection)connection, firstIndex, entries, cancellationToken)
            : PostgresLedgerRows.WriteEntriesAsync((NpgsqlConnection)connection, firstIndex, entries, cancellationToken);

    /// <summary>Inserts the stored subtree hashes a batch completed.</summary>
    public static Task WriteSubtreesAsync(ConnectorDatabase database, DbConnection connection, IReadOnlyList<CompletedSubtree> subtrees, CancellationToken cancellationToken) =>
        IsSqlite(database)
            ? SqliteLedgerRows.WriteSubtreesAsync((SqliteConnection)connection, subtrees, cancellationToken)
            : PostgresLedgerRows.WriteSubtreesAsync((NpgsqlConnection)connection, subtrees, cancellationToken);

    /// <summary>Inserts patient index rows, built by <see cref="BuildPatientRows"/>.</summary>
    public static Task WritePatientsAsync(ConnectorDatabase database, DbConnection connection, IReadOnlyList<PatientRow> rows, CancellationToken cancellationToken) =>
        IsSqlite(database)
            ? SqliteLedgerRows.WritePatientsAsync((SqliteConnection)connection, rows, cancellationToken)
            : PostgresLedgerRows.WritePatientsAsync((NpgsqlConnection)connection, rows, cancellationToken);

    /// <summary>Fills <paramref name="rows"/> (cleared first) with the patient index rows of <paramref name="entries"/>, in key order.</summary>
    /// <remarks>
    /// Pseudonyms are random, so rows inserted as they come would jump about the index's newest block; sorted, each
    /// insert lands beside the previous one, on pages already in the cache.
    /// </remarks>
    public static void BuildPatientRows(long firstIndex, IReadOnlyList<PreparedEntry> entries, List<PatientRow> rows)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(rows);
        rows.Clear();
        for (var i = 0; i < entries.Count; i++)
        {
            var index = firstIndex + i;
            foreach (var patient in entries[i].Patients)
            {
                rows.Add(new PatientRow(BlockOf(index), patient, index));
            }
        }

        rows.Sort(PatientRow.Compare);
    }

    /// <summary>The block of the patient index an entry's rows belong to.</summary>
    public static long BlockOf(long entryIndex) => entryIndex >> LedgerPatientsSchema.BlockBits;

    private static bool IsSqlite(ConnectorDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.Dialect == SqlDialect.Sqlite;
    }
}
