namespace Dataspace.Connector.Ledger;

/// <summary>The ledger's tables, as migration 4 creates them. Frozen once released: later changes are new migrations.</summary>
/// <remarks>
/// <c>ledger_subtrees</c> holds every perfect subtree hash, the leaf hashes (level 0) included, apart from the entries:
/// an entry row that is edited, moved or deleted then no longer matches the tree at its index, so a verifier names the
/// exact index. Tree heads and entries are written in one transaction, so no entry exists beyond the newest head.
/// Since migration 6, levels 1–3 are no longer stored but recomputed from the leaf hashes (see <see cref="LedgerLevels"/>).
/// </remarks>
public static class LedgerSchema
{
    /// <summary>The SQLite statements.</summary>
    public const string Sqlite = """
        CREATE TABLE ledger_entries (
            leaf_index INTEGER PRIMARY KEY,
            entry      TEXT    NOT NULL
        );
        CREATE TABLE ledger_subtrees (
            level         INTEGER NOT NULL,
            subtree_index INTEGER NOT NULL,
            hash          BLOB    NOT NULL,
            PRIMARY KEY (level, subtree_index)
        ) WITHOUT ROWID;
        CREATE TABLE ledger_tree_heads (
            tree_size INTEGER PRIMARY KEY,
            root_hash BLOB    NOT NULL,
            timestamp INTEGER NOT NULL,
            signature TEXT    NOT NULL
        );
        CREATE TABLE ledger_cosignatures (
            tree_size   INTEGER NOT NULL,
            witness_did TEXT    NOT NULL,
            signature   TEXT    NOT NULL,
            received_at TEXT    NOT NULL,
            PRIMARY KEY (tree_size, witness_did)
        );
        CREATE TABLE ledger_witnessed (
            peer_did   TEXT    PRIMARY KEY,
            tree_size  INTEGER NOT NULL,
            root_hash  BLOB    NOT NULL,
            timestamp  INTEGER NOT NULL,
            signature  TEXT    NOT NULL,
            checked_at TEXT    NOT NULL
        );
        """;

    /// <summary>The PostgreSQL statements.</summary>
    public const string Postgres = """
        CREATE TABLE ledger_entries (
            leaf_index BIGINT PRIMARY KEY,
            entry      TEXT   NOT NULL
        );
        CREATE TABLE ledger_subtrees (
            level         INTEGER NOT NULL,
            subtree_index BIGINT  NOT NULL,
            hash          BYTEA   NOT NULL,
            PRIMARY KEY (level, subtree_index)
        );
        CREATE TABLE ledger_tree_heads (
            tree_size BIGINT PRIMARY KEY,
            root_hash BYTEA  NOT NULL,
            timestamp BIGINT NOT NULL,
            signature TEXT   NOT NULL
        );
        CREATE TABLE ledger_cosignatures (
            tree_size   BIGINT NOT NULL,
            witness_did TEXT   NOT NULL,
            signature   TEXT   NOT NULL,
            received_at TEXT   NOT NULL,
            PRIMARY KEY (tree_size, witness_did)
        );
        CREATE TABLE ledger_witnessed (
            peer_did   TEXT   PRIMARY KEY,
            tree_size  BIGINT NOT NULL,
            root_hash  BYTEA  NOT NULL,
            timestamp  BIGINT NOT NULL,
            signature  TEXT   NOT NULL,
            checked_at TEXT   NOT NULL
        );
        """;
}
