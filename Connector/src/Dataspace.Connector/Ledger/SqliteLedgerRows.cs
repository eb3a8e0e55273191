using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// The SQLite bulk path: native prepared statements inserting <see cref="ChunkRows"/> rows per step, bound by position,
/// with the entry's canonical UTF-8 bound as it is.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite looks each parameter up by name at every execution (SQLite's lookup is a linear scan, so a
/// multi-row <c>INSERT</c> costs the square of its parameters) and takes the entry as a .NET string it re-encodes; the
/// native API on the same connection, inside the same transaction, does neither, and several rows per step spread the
/// statement's fixed cost. Statements are finalised before the connection goes back to the pool.
/// </remarks>
internal static class SqliteLedgerRows
{
    // Rows per statement: the per-step cost shrinks to noise well before SQLite's limit on parameters.
    private const int ChunkRows = 64;

    public static Task WriteEntriesAsync(SqliteConnection connection, long firstIndex, IReadOnlyList<PreparedEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Insert(Handle(connection), "ledger_entries (leaf_index, entry)", 2, entries.Count, (db, statement, parameter, row) =>
        {
            Check(db, raw.sqlite3_bind_int64(statement, parameter, firstIndex + row));
            Check(db, raw.sqlite3_bind_text(statement, parameter + 1, entries[row].Canonical));
        });
        return Task.CompletedTask;
    }

    public static Task WriteSubtreesAsync(SqliteConnection connection, IReadOnlyList<CompletedSubtree> subtrees, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var hash = new byte[32];
        Insert(Handle(connection), "ledger_subtrees (level, subtree_index, hash)", 3, subtrees.Count, (db, statement, parameter, row) =>
        {
            var subtree = subtrees[row];
            subtree.Hash.CopyTo(hash);
            Check(db, raw.sqlite3_bind_int64(statement, parameter, subtree.Level));
            Check(db, raw.sqlite3_bind_int64(statement, parameter + 1, subtree.Index));
            // Bound as a copy (SQLITE_TRANSIENT), so the buffer is free again for the next row.
            Check(db, raw.sqlite3_bind_blob(statement, parameter + 2, hash));
        });
        return Task.CompletedTask;
    }

    public static Task WritePatientsAsync(SqliteConnection connection, IReadOnlyList<PatientRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // Pseudonyms are base64url: ASCII, a few dozen bytes.
        var pseudonym = new byte[128];
        Insert(Handle(connection), "ledger_patients (entry_block, pseudonym, entry_index)", 3, rows.Count, (db, statement, parameter, row) =>
        {
            var patient = rows[row];
            Check(db, raw.sqlite3_bind_int64(statement, parameter, patient.Block));
            Check(db, Encoding.UTF8.GetMaxByteCount(patient.Pseudonym.Length) <= pseudonym.Length
                ? raw.sqlite3_bind_text(statement, parameter + 1, pseudonym.AsSpan(0, Encoding.UTF8.GetBytes(patient.Pseudonym, pseudonym)))
                : raw.sqlite3_bind_text(statement, parameter + 1, patient.Pseudonym));
            Check(db, raw.sqlite3_bind_int64(statement, parameter + 2, patient.EntryIndex));
        });
        return Task.CompletedTask;
    }

    // Inserts rowCount rows into target ("table (columns)"): whole chunks through one statement of ChunkRows rows, the
    // rest one by one; bind gets the 1-based index of the row's first parameter.
    private static void Insert(sqlite3 db, string target, int columns, int rowCount, Action<sqlite3, sqlite3_stmt, int, int> bind)
    {
        var whole = rowCount - (rowCount % ChunkRows);
        if (whole > 0)
        {
            using var chunk = Prepare(db, InsertSql(target, columns, ChunkRows));
            for (var start = 0; start < whole; start += ChunkRows)
            {
                for (var row = 0; row < ChunkRows; row++)
                {
                    bind(db, chunk, (row * columns) + 1, start + row);
                }

                Step(db, chunk);
            }
        }

        if (whole < rowCount)
        {
            using var single = Prepare(db, InsertSql(target, columns, 1));
            for (var row = whole; row < rowCount; row++)
            {
                bind(db, single, 1, row);
                Step(db, single);
            }
        }
    }

    private static string InsertSql(string target, int columns, int rows)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(target).Append(" VALUES ");
        for (var row = 0; row < rows; row++)
        {
            sql.Append(row == 0 ? "(" : ", (");
            for (var column = 0; column < columns; column++)
            {
                sql.Append(column == 0 ? "?" : ", ?").Append((row * columns) + column + 1);
            }

            sql.Append(')');
        }

        return sql.ToString();
    }

    private static sqlite3 Handle(SqliteConnection connection) => connection.Handle ?? throw new InvalidOperationException("The connection is not open.");

    private static sqlite3_stmt Prepare(sqlite3 db, string sql)
    {
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        return statement;
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        var result = raw.sqlite3_step(statement);
        // Reset even after a failure, so the statement can be finalised cleanly; the error is the step's.
        raw.sqlite3_reset(statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, db);
            throw new SqliteException($"SQLite step returned {result}.", result);
        }
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }
}
