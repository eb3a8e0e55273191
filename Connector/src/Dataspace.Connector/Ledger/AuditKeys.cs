using System.Security.Cryptography;

namespace Dataspace.Connector.Ledger;

/// <summary>Where an audit gets public keys: the ledger's, by the <c>kid</c> of a tree head, and a witness's, by DID and <c>kid</c>.</summary>
/// <param name="TreeHeadKey">The ledger's key named by a tree head's <c>kid</c>, or null when it is not the ledger's.</param>
/// <param name="WitnessKey">The key of a witness DID named by a cosignature's <c>kid</c>, or null when it is not that witness's.</param>
public sealed record AuditKeys(
    Func<string?, CancellationToken, Task<ECDsa?>> TreeHeadKey,
    Func<string, string?, CancellationToken, Task<ECDsa?>> WitnessKey);
