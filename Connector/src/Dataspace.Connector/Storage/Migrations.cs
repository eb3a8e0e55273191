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
    ];
}
