using Dataspace.Connector.Hosting;
using Dataspace.Connector.Negotiation;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Provider: trades a transfer's live refresh token for a new access token and refresh token (rotation, RFC 6749 §6 and
/// OAuth 2.1 §4.3.1). The refresh token is bound to its transfer and to the consumer of it; it works only while the
/// transfer is STARTED; a rotated-out one presented again is a sign it was copied, so the live pair is revoked too.
/// </summary>
public sealed class EdrRefreshService(TransferStore store, IOptions<ConnectorOptions> options, TimeProvider time, ILogger<EdrRefreshService> logger)
{
    private const int Attempts = 5;
    private const string Unknown = "The refresh token is unknown or no longer valid.";

    /// <summary>Refreshes for <paramref name="callerDid"/>, the authenticated consumer presenting <paramref name="refreshToken"/>.</summary>
    public async Task<EdrRefreshOutcome> RefreshAsync(string refreshToken, string callerDid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        if (EdrToken.TransferIdOf(refreshToken) is not { } id)
            return EdrRefreshOutcome.InvalidGrant(Unknown);
        var hash = EdrToken.Hash(refreshToken);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var transfer = await store.FindAsync(id, cancellationToken);
            // Another consumer's transfer looks like an unknown token: no hint, and nothing of that transfer is touched.
            if (transfer is null || transfer.Role != NegotiationRole.Provider || transfer.CounterPartyDid != callerDid)
                return EdrRefreshOutcome.InvalidGrant(Unknown);
            var now = time.GetUtcNow();
            if (transfer.RefreshTokenHash == hash && transfer.State == TransferState.Started)
            {
                var edr = EdrTokens.Issue(transfer, now, options.Value.Transfer.EdrLifetime);
                transfer.UpdatedAt = now;
                if (await store.UpdateAsync(transfer, [], cancellationToken))
                    return EdrRefreshOutcome.Granted(edr);
                continue;
            }
            if (transfer.SpentRefreshTokenHashes.Contains(hash))
            {
                if (transfer.TokenHash is null && transfer.RefreshTokenHash is null)
                    return EdrRefreshOutcome.InvalidGrant("The refresh token was already used.");
                EdrTokens.Revoke(transfer, now, "a rotated refresh token was presented again");
                if (!await store.UpdateAsync(transfer, [], cancellationToken))
                    continue;
                logger.LogWarning("Transfer {Id}: a rotated refresh token was presented again by {Consumer}; its EDR tokens are revoked", transfer.Id, callerDid);
                return EdrRefreshOutcome.InvalidGrant("The refresh token was already used; the transfer's tokens are revoked. Suspend and resume the transfer for a new EDR.");
            }
            return transfer.State != TransferState.Started
                ? EdrRefreshOutcome.InvalidGrant($"The transfer is {transfer.State.ToWire()}; tokens are refreshed only while it is STARTED.")
                : EdrRefreshOutcome.InvalidGrant(Unknown);
        }
        return EdrRefreshOutcome.Busy();
    }
}
