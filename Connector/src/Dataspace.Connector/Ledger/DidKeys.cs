using System.Security.Cryptography;
using Dataspace.Connector.Identity;
using Microsoft.IdentityModel.Tokens;

namespace Dataspace.Connector.Ledger;

/// <summary>Finds the P-256 key a DID asserts with, for checking tree heads and cosignatures.</summary>
public static class DidKeys
{
    /// <summary>The public key <paramref name="keyId"/> names, if it belongs to <paramref name="did"/> and is an assertion method there.</summary>
    /// <exception cref="DidResolutionException">The DID does not resolve.</exception>
    public static async Task<ECDsa?> ResolveAsync(DidResolver resolver, string did, string? keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        // The key must be the DID's own: a kid naming another DID would let anyone's key speak for this ledger.
        if (keyId is null || !keyId.StartsWith(did + "#", StringComparison.Ordinal))
        {
            return null;
        }

        var document = await resolver.ResolveAsync(did, cancellationToken);
        var method = document.FindKey(keyId);
        return method is not null && document.AssertionMethod.Any(a => Absolute(document, a) == keyId) ? FromJwk(method.PublicKeyJwk) : null;
    }

    /// <summary>An EC P-256 public JWK as a key, or null for any other key.</summary>
    public static ECDsa? FromJwk(PublicJwk? jwk)
    {
        if (jwk is not { Kty: "EC", Crv: "P-256", X: { } x, Y: { } y })
        {
            return null;
        }

        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64UrlEncoder.DecodeBytes(x), Y = Base64UrlEncoder.DecodeBytes(y) },
            });
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static string Absolute(DidDocument document, string reference) => reference.StartsWith('#') ? document.Id + reference : reference;
}
