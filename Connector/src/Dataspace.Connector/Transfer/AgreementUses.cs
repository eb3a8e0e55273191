using Dapper;
using Dataspace.Connector.Protocol.Outbox;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// How many data-plane requests each agreement has been granted. The count is read, judged and incremented in one write
/// transaction, so two concurrent requests can never both take the last permitted use.
/// </summary>
public sealed class AgreementUses(ConnectorDatabase database)
{
    /// <summary>
    /// Calls <paramref name="judge"/> with the uses so far; when it grants, records one more use. Returns its verdict.
    /// </summary>
    public async Task<T> TryUseAsync<T>(string agreementId, Func<long, (bool Granted, T Verdict)> judge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(judge);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await WriteTransaction.BeginAsync(database, connection, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO agreement_uses (agreement_id, uses) VALUES (@agreementId, 0) ON CONFLICT DO NOTHING",
            new { agreementId }, transaction, cancellationToken: cancellationToken));
        var locking = database.Dialect == SqlDialect.Postgres ? " FOR UPDATE" : "";
        var uses = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT uses FROM agreement_uses WHERE agreement_id = @agreementId{locking}", new { agreementId }, transaction, cancellationToken: cancellationToken));
        var (granted, verdict) = judge(uses);
        if (granted)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE agreement_uses SET uses = uses + 1 WHERE agreement_id = @agreementId", new { agreementId }, transaction, cancellationToken: cancellationToken));
        }
        await transaction.CommitAsync(cancellationToken);
        return verdict;
    }
}
