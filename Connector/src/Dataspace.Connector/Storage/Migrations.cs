namespace Dataspace.Connector.Storage;

/// <summary>The connector's schema history. Append only: a released migration is never edited.</summary>
public static class Migrations
{
    /// <summary>Every migration in version order.</summary>
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "token replay cache",
            Sqlite: """
                CREATE TABLE token_replay (
                    issuer     TEXT    NOT NULL,
                    jti        TEXT    NOT NULL,
                    expires_at INTEGER NOT NULL,
                    PRIMARY KEY (issuer, jti)
                );
                CREATE INDEX ix_token_replay_expires_at ON token_replay (expires_at);
                """,
            Postgres: """
                CREATE TABLE token_replay (
                    issuer     TEXT   NOT NULL,
                    jti        TEXT   NOT NULL,
                    expires_at BIGINT NOT NULL,
                    PRIMARY KEY (issuer, jti)
                );
                CREATE INDEX ix_token_replay_expires_at ON token_replay (expires_at);
                """),
        Both(2, "catalog: assets, policies, contract definitions, peer catalogs",
            DocumentTable<object>.CreateSql("assets")
            + DocumentTable<object>.CreateSql("policy_definitions")
            + DocumentTable<object>.CreateSql("contract_definitions")
            + DocumentTable<object>.CreateSql("peer_catalogs")),
        Both(3, "contract negotiations, agreements and the outbox",
            Negotiation.NegotiationTables.CreateSql + Protocol.Outbox.OutboxTable.CreateSql),
        new(4, "consent ledger: entries, subtree hashes, signed tree heads, cosignatures, witnessed heads",
            Sqlite: Ledger.LedgerSchema.Sqlite, Postgres: Ledger.LedgerSchema.Postgres),
        Dataspace.Fhir.Storage.FhirSchema.Migration(5),
        Both(6, "consent ledger: subtree levels 1-3 are recomputed from the leaf hashes, no longer stored",
            "DELETE FROM ledger_subtrees WHERE level BETWEEN 1 AND 3;"),
        Both(7, "transfer processes", Transfer.TransferTables.CreateSql),
        new(8, "consent ledger: patient index (entries by patient pseudonym), consent entries backfilled",
            Sqlite: Ledger.LedgerPatientsSchema.Sqlite, Postgres: Ledger.LedgerPatientsSchema.Postgres),
    ];

    /// <summary>A migration whose SQL both databases accept as written.</summary>
    private static Migration Both(int version, string name, string sql) => new(version, name, sql, sql);
}
