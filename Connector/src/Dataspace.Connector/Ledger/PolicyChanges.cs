using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Canonicalization;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Catalog;

namespace Dataspace.Connector.Ledger;

/// <summary>Records policy writes in the ledger, so a regulator can tell which policy text was in force when.</summary>
public static class PolicyChanges
{
    /// <summary>The <c>policyHash</c> recorded when a policy is deleted: there is no content left to hash.</summary>
    public const string Deleted = "deleted";

    /// <summary>Appends <see cref="PolicyChanged"/> with the SHA-256 (hex) of the policy's RFC 8785 canonical JSON, durably.</summary>
    public static Task<long> RecordPolicyChangedAsync(this LedgerService ledger, PolicyDefinition policy, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        var canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(policy.Policy.GetRawText()));
        return ledger.AppendAsync(new PolicyChanged(time.GetUtcNow(), policy.Id, Convert.ToHexStringLower(SHA256.HashData(canonical))), cancellationToken);
    }

    /// <summary>Appends <see cref="PolicyChanged"/> for a deleted policy, with <see cref="Deleted"/> as its hash.</summary>
    public static Task<long> RecordPolicyDeletedAsync(this LedgerService ledger, string policyId, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(time);
        return ledger.AppendAsync(new PolicyChanged(time.GetUtcNow(), policyId, Deleted), cancellationToken);
    }
}
