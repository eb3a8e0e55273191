namespace Dataspace.Connector.Transfer;

/// <summary>
/// The transfer process and agreement use tables, in SQL both SQLite and PostgreSQL accept. A transfer is a JSON document (history,
/// data address) plus the columns it is looked up by; <c>counter_pid</c> is unique per counterparty and role, so a
/// redelivered request finds the transfer it created; <c>token_hash</c> finds the transfer of a presented EDR token. <c>agreement_uses</c> counts the data-plane requests
/// granted under each agreement, for its <c>odrl:count</c> constraint.
/// </summary>
public static class TransferTables
{
    /// <summary>Creates the table; used by the migration that introduced it.</summary>
    public const string CreateSql = """
        CREATE TABLE transfer_processes (
            id                TEXT   PRIMARY KEY,
            role              TEXT   NOT NULL,
            counter_party_did TEXT   NOT NULL,
            counter_pid       TEXT,
            agreement_id      TEXT   NOT NULL,
            state             TEXT   NOT NULL,
            token_hash        TEXT,
            version           BIGINT NOT NULL,
            document          TEXT   NOT NULL,
            created_at        TEXT   NOT NULL,
            updated_at        TEXT   NOT NULL
        );
        CREATE UNIQUE INDEX ux_transfer_processes_counter_pid ON transfer_processes (role, counter_party_did, counter_pid);
        CREATE UNIQUE INDEX ux_transfer_processes_token_hash ON transfer_processes (token_hash);
        CREATE INDEX ix_transfer_processes_agreement ON transfer_processes (agreement_id);
        CREATE TABLE agreement_uses (
            agreement_id TEXT   PRIMARY KEY,
            uses         BIGINT NOT NULL
        );
        """;
}
