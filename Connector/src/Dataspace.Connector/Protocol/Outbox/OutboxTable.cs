namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>The outbox table, in SQL both SQLite and PostgreSQL accept (<c>BIGINT</c> has integer affinity in SQLite).</summary>
public static class OutboxTable
{
    /// <summary>Creates the table; used by the migration that introduced it.</summary>
    public const string CreateSql = """
        CREATE TABLE outbox (
            id              TEXT   PRIMARY KEY,
            process_id      TEXT   NOT NULL,
            topic           TEXT   NOT NULL,
            name            TEXT   NOT NULL,
            peer_did        TEXT,
            path            TEXT,
            body            TEXT,
            sequence        BIGINT NOT NULL,
            attempts        BIGINT NOT NULL,
            next_attempt_at BIGINT NOT NULL,
            leased_by       TEXT,
            lease_until     BIGINT,
            last_error      TEXT,
            created_at      BIGINT NOT NULL
        );
        CREATE INDEX ix_outbox_due ON outbox (next_attempt_at);
        CREATE INDEX ix_outbox_process ON outbox (process_id, sequence);
        """;
}
