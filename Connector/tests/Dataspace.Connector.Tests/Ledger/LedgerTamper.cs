using System.Text;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>One way of rewriting a stored ledger behind its owner's back, and the first index a verifier must name.</summary>
/// <param name="Name">What the tamper does.</param>
/// <param name="Sql">The statements, for the given dialect.</param>
/// <param name="FirstBadIndex">The index <c>dataspace ledger verify</c> must report.</param>
public sealed record LedgerTamper(string Name, Func<SqlDialect, string> Sql, long FirstBadIndex)
{
    /// <summary>A forged entry in canonical JSON, as an SQL string literal.</summary>
    private static readonly string Forged = "'" + Encoding.UTF8.GetString(LedgerTestBed.Entry(999).ToCanonicalJson()) + "'";

    /// <summary>Tampers on a ledger of 40 entries (indices 0–39).</summary>
    public static IReadOnlyList<LedgerTamper> All { get; } =
    [
        new("change one byte of an entry", _ => "UPDATE ledger_entries SET entry = replace(entry, 'policy-17', 'policy-18') WHERE leaf_index = 17", 17),
        new("delete an entry", _ => "DELETE FROM ledger_entries WHERE leaf_index = 12", 12),
        new("insert an entry, shifting the rest", _ => $"""
            UPDATE ledger_entries SET leaf_index = leaf_index + 1000 WHERE leaf_index >= 21;
            UPDATE ledger_entries SET leaf_index = leaf_index - 999 WHERE leaf_index >= 1000;
            INSERT INTO ledger_entries (leaf_index, entry) VALUES (21, {Forged});
            """, 21),
        new("swap two entries", _ => """
            UPDATE ledger_entries SET leaf_index = -1 WHERE leaf_index = 8;
            UPDATE ledger_entries SET leaf_index = 8 WHERE leaf_index = 30;
            UPDATE ledger_entries SET leaf_index = 30 WHERE leaf_index = -1;
            """, 8),
        new("rewrite a subtree hash", dialect => "UPDATE ledger_subtrees SET hash = "
            + (dialect == SqlDialect.Sqlite ? "zeroblob(32)" : "decode(repeat('00', 32), 'hex')") + " WHERE level = 4 AND subtree_index = 1", 16),
        new("append an entry no tree head covers", dialect => $"INSERT INTO ledger_entries (leaf_index, entry) VALUES (40, {Forged})", 40),
    ];

    /// <summary>The tampers as xunit theory data, by name.</summary>
    public static TheoryData<string> Names => [.. All.Select(t => t.Name)];

    /// <summary>The tamper called <paramref name="name"/>.</summary>
    public static LedgerTamper Named(string name) => All.Single(t => t.Name == name);
}
