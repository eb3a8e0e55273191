using System.Security.Cryptography;
using System.Text;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's EDR tokens: 256 random bits each, handed out once (in the start message or a refresh answer) and kept
/// only as SHA-256 hashes beside the transfer they are bound to, so a database reader cannot replay them and revocation
/// is a field update. A refresh token is prefixed with its transfer's id, so the refresh endpoint finds the transfer
/// (and so detects the reuse of a rotated token) without an index of every token ever issued.
/// </summary>
public static class EdrToken
{
    private const int MaxRefreshTokenLength = 1024;

    /// <summary>A fresh access token and its hash.</summary>
    public static (string Token, string Hash) Mint()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>A fresh refresh token for transfer <paramref name="transferId"/> (<c>{base64url(id)}.{secret}</c>) and its hash.</summary>
    public static (string Token, string Hash) MintRefresh(string transferId)
    {
        ArgumentException.ThrowIfNullOrEmpty(transferId);
        var token = Base64Url(Encoding.UTF8.GetBytes(transferId)) + "." + Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The transfer id a refresh token names, or null when <paramref name="refreshToken"/> is not shaped like one.</summary>
    public static string? TransferIdOf(string refreshToken)
    {
        ArgumentNullException.ThrowIfNull(refreshToken);
        var dot = refreshToken.IndexOf('.', StringComparison.Ordinal);
        if (refreshToken.Length > MaxRefreshTokenLength || dot <= 0 || dot == refreshToken.Length - 1)
            return null;
        var prefix = refreshToken[..dot].Replace('-', '+').Replace('_', '/');
        var buffer = new byte[prefix.Length];
        if (!Convert.TryFromBase64String(prefix.PadRight(prefix.Length + (4 - prefix.Length % 4) % 4, '='), buffer, out var length))
            return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
