namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's bookkeeping of a transfer's EDR tokens, as pure changes to the transfer: issue a pair (start message,
/// refresh), which rotates the live refresh token out, and revoke both. Callers persist the transfer afterwards.
/// </summary>
public static class EdrTokens
{
    /// <summary>How many rotated-out refresh token hashes a transfer remembers for reuse detection.</summary>
    public const int SpentKept = 16;

    /// <summary>
    /// Mints a new access token (alive <paramref name="lifetime"/> from <paramref name="now"/>) and refresh token for
    /// <paramref name="transfer"/>; their hashes replace the live ones, so at most one pair per transfer is alive, and the
    /// replaced refresh token's hash is remembered as spent.
    /// </summary>
    public static IssuedEdr Issue(TransferProcess transfer, DateTimeOffset now, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var (access, accessHash) = EdrToken.Mint();
        var (refresh, refreshHash) = EdrToken.MintRefresh(transfer.Id);
        if (transfer.RefreshTokenHash is { } previous)
        {
            transfer.SpentRefreshTokenHashes.Add(previous);
            if (transfer.SpentRefreshTokenHashes.Count > SpentKept)
                transfer.SpentRefreshTokenHashes.RemoveRange(0, transfer.SpentRefreshTokenHashes.Count - SpentKept);
        }
        transfer.TokenHash = accessHash;
        transfer.TokenExpiresAt = now + lifetime;
        transfer.RefreshTokenHash = refreshHash;
        return new IssuedEdr(access, refresh, lifetime);
    }

    /// <summary>Kills the live access and refresh tokens of <paramref name="transfer"/> (it stays in its state) and records why.</summary>
    public static void Revoke(TransferProcess transfer, DateTimeOffset now, string reason)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        transfer.TokenHash = null;
        transfer.TokenExpiresAt = null;
        transfer.RefreshTokenHash = null;
        transfer.Note("EDR revoked", now, reason);
    }
}
