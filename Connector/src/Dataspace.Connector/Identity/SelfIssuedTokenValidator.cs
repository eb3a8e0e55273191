using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dataspace.Connector.Identity;

/// <summary>Verifies a DSP caller's self-issued ID token: DID resolution, ES256 signature, audience, times and replay.</summary>
public sealed class SelfIssuedTokenValidator(
    ParticipantIdentity self,
    Membership membership,
    DidResolver resolver,
    TokenReplayCache replayCache,
    IOptions<ConnectorOptions> options,
    TimeProvider time)
{
    private const int MaxTokenLength = 8 * 1024;
    private static readonly JsonWebTokenHandler Handler = new();

    /// <summary>Checks the value of an <c>Authorization</c> header.</summary>
    public async Task<TokenCheck> CheckAsync(string? authorization, CancellationToken cancellationToken = default)
    {
        const string scheme = "Bearer ";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            return TokenCheck.Unauthenticated("no bearer token");
        var token = authorization[scheme.Length..].Trim();
        if (token.Length > MaxTokenLength || !Handler.CanReadToken(token))
            return TokenCheck.Unauthenticated("token is not a JWT");

        JsonWebToken jwt;
        try
        {
            jwt = Handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return TokenCheck.Unauthenticated("token is not a JWT");
        }
        if (jwt.Alg != SecurityAlgorithms.EcdsaSha256)
            return TokenCheck.Unauthenticated("token is not ES256");
        var issuer = jwt.Issuer;
        if (string.IsNullOrEmpty(issuer) || issuer != jwt.Subject)
            return TokenCheck.Unauthenticated("iss and sub differ");

        // Membership is decided before anything is fetched: a stranger's token never makes this host resolve its DID,
        // so a forged iss cannot steer outgoing requests (SSRF), and strangers learn nothing (DSP: 404).
        if (membership.Find(issuer) is not { } member)
            return new TokenCheck(TokenCheckOutcome.NotMember, null, "not a member of the dataspace");

        var timeProblem = CheckTimes(jwt);
        if (timeProblem is not null)
            return TokenCheck.Unauthenticated(timeProblem);

        DidDocument document;
        try
        {
            document = await resolver.ResolveAsync(issuer, cancellationToken);
        }
        catch (DidResolutionException e)
        {
            return TokenCheck.Unauthenticated("issuer DID did not resolve: " + e.Message);
        }
        var method = document.FindKey(jwt.Kid);
        if (method?.PublicKeyJwk is not { Kty: "EC", Crv: "P-256", X: not null, Y: not null } jwk || !document.MaySignRequests(method))
            return TokenCheck.Unauthenticated("no usable signing key in the DID document");

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudience = self.Did,
            IssuerSigningKey = new JsonWebKey { Kty = "EC", Crv = "P-256", X = jwk.X, Y = jwk.Y, KeyId = jwt.Kid },
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateLifetime = false, // checked above against the injected clock
            RequireSignedTokens = true,
        };
        var result = await Handler.ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
            return TokenCheck.Unauthenticated(result.Exception is SecurityTokenInvalidAudienceException ? "wrong audience" : "signature or claims invalid");

        if (string.IsNullOrEmpty(jwt.Id))
            return TokenCheck.Unauthenticated("no jti");
        if (!await replayCache.TryRecordAsync(issuer, jwt.Id, jwt.ValidTo, cancellationToken))
            return TokenCheck.Unauthenticated("replayed jti");

        return new TokenCheck(TokenCheckOutcome.Accepted, new VerifiedCaller(issuer, jwt.Id, member.Country, member.Role), "");
    }

    private string? CheckTimes(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var exp) || !jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Iat, out var iat))
            return "exp and iat are required";
        var skew = options.Value.Identity.ClockSkew;
        var now = time.GetUtcNow();
        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        var issued = DateTimeOffset.FromUnixTimeSeconds(iat);
        if (expires + skew < now)
            return "token expired";
        if (issued - skew > now)
            return "token issued in the future";
        if (jwt.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) - skew > now)
            return "token not yet valid";
        if (expires - issued > SelfIssuedTokens.MaxLifetime)
            return "token lifetime exceeds five minutes";
        return null;
    }
}
