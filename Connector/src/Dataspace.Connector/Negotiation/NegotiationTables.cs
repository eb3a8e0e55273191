namespace Dataspace.Connector.Negotiation;

/// <summary>
/// The negotiation tables, in SQL both SQLite and PostgreSQL accept. A negotiation is a JSON document (offer,
/// agreement, history) plus the columns it is looked up by; <c>counter_pid</c> is unique per counterparty and role, so
/// a redelivered initial message finds the negotiation it created.
/// </summary>
public static class NegotiationTables
{
    /// <summary>Creates the tables; used by the migration that introduced them.</summary>
    public const string CreateSql = """
        CREATE TABLE contract_negotiations (
            id                TEXT   PRIMARY KEY,
            role              TEXT   NOT NULL,
            counter_party_did TEXT   NOT NULL,
            counter_pid       TEXT,
            state             TEXT   NOT NULL,
            version           BIGINT NOT NULL,
            document          TEXT   NOT NULL,
            created_at        TEXT   NOT NULL,
            updated_at        TEXT   NOT NULL
        );
        CREATE UNIQUE INDEX ux_contract_negotiations_counter_pid ON contract_negotiations (role, counter_party_did, counter_pid);
        CREATE INDEX ix_contract_negotiations_updated_at ON contract_negotiations (updated_at);
        CREATE TABLE contract_agreements (
            id                TEXT PRIMARY KEY,
            negotiation_id    TEXT NOT NULL,
            role              TEXT NOT NULL,
            counter_party_did TEXT NOT NULL,
            asset_id          TEXT NOT NULL,
            document          TEXT NOT NULL,
            concluded_at      TEXT NOT NULL
        );
        CREATE INDEX ix_contract_agreements_negotiation ON contract_agreements (negotiation_id);
        """;
}
