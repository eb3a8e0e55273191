namespace Dataspace.Connector.Ledger;

/// <summary>The patient index, as migration 8 creates and backfills it. Frozen once released: later changes are new migrations.</summary>
/// <remarks>
/// <para>
/// One row per (entry, patient pseudonym it names), written in the same transaction as the entry. The key leads with
/// <c>entry_block</c> = <c>entry_index &gt;&gt; </c><see cref="BlockBits"/> rather than with the pseudonym: pseudonyms are
/// HMAC outputs, uniformly random, so a batch keyed by pseudonym alone lands on as many B-tree pages as it has rows, and
/// SQLite's WAL then writes each of those pages whole at every commit (measured: about 20 µs per entry at a million
/// entries, twice the whole append budget). Within the newest block the rows of a batch share a few pages. A patient's
/// entries are then one index seek per block (<see cref="LedgerPatientIndex"/>).
/// </para>
/// <para>
/// The backfill files the consent lifecycle entries written before version 8 under their patient. Data-access entries
/// written before version 8 named no patient (only counts), so no report can attribute them.
/// </para>
/// </remarks>
public static class LedgerPatientsSchema
{
    /// <summary>log2 of the entries per block: 16,384.</summary>
    public const int BlockBits = 14;

    /// <summary>The SQLite statements; malformed stored entries are skipped (an audit reports them), not a reason to refuse to start.</summary>
    public static string Sqlite { get; } = $$"""
        CREATE TABLE ledger_patients (
            entry_block INTEGER NOT NULL,
            pseudonym   TEXT    NOT NULL,
            entry_index INTEGER NOT NULL,
            PRIMARY KEY (entry_block, pseudonym, entry_index)
        ) WITHOUT ROWID;
        INSERT INTO ledger_patients (entry_block, pseudonym, entry_index)
        SELECT leaf_index >> {{BlockBits}}, json_extract(entry, '$.patient'), leaf_index FROM ledger_entries
        WHERE CASE WHEN json_valid(entry)
            THEN json_extract(entry, '$.kind') IN ('consent-recorded', 'consent-updated', 'consent-revoked') AND json_type(entry, '$.patient') = 'text'
            ELSE 0 END;
        """;

    /// <summary>
    /// The PostgreSQL statements. The backfill matches the canonical form of a consent entry (RFC 8785 sorts its members)
    /// instead of casting every entry to jsonb, since one malformed stored entry would make such a cast fail the migration.
    /// </summary>
    public static string Postgres { get; } = $$"""
        CREATE TABLE ledger_patients (
            entry_block BIGINT NOT NULL,
            pseudonym   TEXT   NOT NULL,
            entry_index BIGINT NOT NULL,
            PRIMARY KEY (entry_block, pseudonym, entry_index)
        );
        INSERT INTO ledger_patients (entry_block, pseudonym, entry_index)
        SELECT leaf_index >> {{BlockBits}}, substring(entry from '{{ConsentEntryPattern}}'), leaf_index FROM ledger_entries
        WHERE entry ~ '{{ConsentEntryPattern}}';
        """;

    // A consent lifecycle entry's canonical JSON; the one capturing group is the patient pseudonym (base64url).
    private const string ConsentEntryPattern =
        """^\{"consentHash":"[0-9a-f]*","consentId":"(?:[^"\\]|\\.)*","kind":"consent-(?:recorded|updated|revoked)","patient":"([A-Za-z0-9_-]+)","recordedAt":"[^"\\]*"\}$""";
}
