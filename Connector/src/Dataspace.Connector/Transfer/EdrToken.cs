using System.Security.Cryptography;
using System.Text;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's EDR token: 256 random bits, handed out once in the start message and kept only as a SHA-256 hash
/// beside the transfer it is bound to, so a database reader cannot replay it and revocation is a column update.
/// </summary>
public static class EdrToken
{
    /// <summary>A fresh token and its hash.</summary>
    public static (string Token, string Hash) Mint()
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    /// <summary>The stored form of <paramref name="token"/>.</summary>
    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
