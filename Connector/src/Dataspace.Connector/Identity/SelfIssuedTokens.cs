using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dataspace.Connector.Identity;

/// <summary>Issues DCP-style self-issued ID tokens: <c>iss</c> = <c>sub</c> = own DID, <c>aud</c> = the counterparty's DID.</summary>
public sealed class SelfIssuedTokens(ParticipantIdentity identity, TimeProvider time)
{
    private static readonly JsonWebTokenHandler Handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>The longest lifetime a verifier accepts.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);

    /// <summary>A fresh token for <paramref name="audienceDid"/>, valid for <paramref name="lifetime"/> from now.</summary>
    public string Create(string audienceDid, TimeSpan lifetime) => Create(audienceDid, time.GetUtcNow(), lifetime, Guid.NewGuid().ToString());

    /// <summary>A token with explicit times and id; tests use it to build expired and replayed tokens.</summary>
    public string Create(string audienceDid, DateTimeOffset issuedAt, TimeSpan lifetime, string jti)
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = identity.Did,
            Audience = audienceDid,
            Subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, identity.Did), new Claim(JwtRegisteredClaimNames.Jti, jti)]),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = (issuedAt + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(identity.SigningKey, SecurityAlgorithms.EcdsaSha256),
        };
        return Handler.CreateToken(descriptor);
    }
}
