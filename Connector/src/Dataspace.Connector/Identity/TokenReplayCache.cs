using Dapper;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Identity;

/// <summary>Remembers every accepted token id until it expires, in the database, so that replicas share it and a restart keeps it.</summary>
public sealed class TokenReplayCache(ConnectorDatabase database, TimeProvider time)
{
    /// <summary>Records <paramref name="jti"/> of <paramref name="issuer"/>; false when it was seen before (a replay).</summary>
    public async Task<bool> TryRecordAsync(string issuer, string jti, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // ON CONFLICT DO NOTHING is the same in SQLite and PostgreSQL and is atomic: of two racing replicas, one inserts.
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO token_replay (issuer, jti, expires_at) VALUES (@issuer, @jti, @expiresAt) ON CONFLICT DO NOTHING",
            new { issuer, jti, expiresAt = expiresAt.ToUnixTimeSeconds() }, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>Forgets token ids whose tokens have expired; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM token_replay WHERE expires_at < @now",
            new { now = time.GetUtcNow().ToUnixTimeSeconds() }, cancellationToken: cancellationToken));
    }
}
