using System.Security.Cryptography;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>
/// A witness's statement that it saw a signed tree head: the witness DID and an ES256 JWS over the same payload as the
/// ledger's signature. Its own JWS <c>typ</c> keeps a cosignature from passing as a ledger signature, or the reverse.
/// </summary>
public sealed record Cosignature(string WitnessDid, string Signature)
{
    /// <summary>The JWS <c>typ</c> of a witness cosignature.</summary>
    public const string JwsType = "sth-cosignature+jws";

    /// <summary>Cosigns <paramref name="treeHead"/> with the witness's P-256 key; <paramref name="keyId"/> is a key of <paramref name="witnessDid"/>.</summary>
    public static Cosignature Create(SignedTreeHead treeHead, string witnessDid, ECDsa key, string keyId)
    {
        ArgumentNullException.ThrowIfNull(treeHead);
        ArgumentException.ThrowIfNullOrEmpty(witnessDid);
        return new Cosignature(witnessDid, CompactJws.Sign(treeHead.Payload(), keyId, JwsType, key));
    }

    /// <summary>True when this is the witness's ES256 signature, under <paramref name="keyId"/>, over exactly <paramref name="treeHead"/>.</summary>
    public bool Verify(SignedTreeHead treeHead, ECDsa publicKey, string keyId)
    {
        ArgumentNullException.ThrowIfNull(treeHead);
        return CompactJws.Verify(Signature, treeHead.Payload(), keyId, JwsType, publicKey);
    }
}
