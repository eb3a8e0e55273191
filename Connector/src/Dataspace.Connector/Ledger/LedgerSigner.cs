using System.Security.Cryptography;
using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Ledger;

/// <summary>The key a ledger signs its tree heads (or a witness its cosignatures) with, and the DID URL naming it.</summary>
/// <param name="Key">A P-256 key.</param>
/// <param name="KeyId">The <c>kid</c>: the absolute id of the verification method in the signer's DID document.</param>
public sealed record LedgerSigner(ECDsa Key, string KeyId)
{
    /// <summary>The connector's own DID key.</summary>
    public static LedgerSigner For(ParticipantIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new LedgerSigner(identity.SigningKey.ECDsa, identity.KeyId);
    }
}
