using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Dataspace.Connector.Ledger;

/// <summary>The PostgreSQL bulk path: one binary <c>COPY</c> per table, inside the writer's transaction, instead of a round trip per statement.</summary>
internal static class PostgresLedgerRows
{
    public static async Task WriteEntriesAsync(NpgsqlConnection connection, long firstIndex, IReadOnlyList<PreparedEntry> entries, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync("COPY ledger_entries (leaf_index, entry) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var i = 0; i < entries.Count; i++)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(firstIndex + i, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(Encoding.UTF8.GetString(entries[i].Canonical), NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public static async Task WriteSubtreesAsync(NpgsqlConnection connection, IReadOnlyList<CompletedSubtree> subtrees, CancellationToken cancellationToken)
    {
        if (subtrees.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync("COPY ledger_subtrees (level, subtree_index, hash) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var subtree in subtrees)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(subtree.Level, NpgsqlDbType.Integer, cancellationToken);
            await copy.WriteAsync(subtree.Index, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(subtree.Hash.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }

    public static async Task WritePatientsAsync(NpgsqlConnection connection, IReadOnlyList<PatientRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync("COPY ledger_patients (entry_block, pseudonym, entry_index) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(row.Block, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(row.Pseudonym, NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(row.EntryIndex, NpgsqlDbType.Bigint, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
