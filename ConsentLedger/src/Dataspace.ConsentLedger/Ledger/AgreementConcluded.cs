using System.Text.Json;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>A contract negotiation reached an agreement; the policy is recorded by the hash of its canonical JSON.</summary>
public sealed record AgreementConcluded(DateTimeOffset RecordedAt, string AgreementId, string ProviderDid, string ConsumerDid, string AssetId, string PolicyHash)
    : LedgerEntry(RecordedAt)
{
    /// <inheritdoc/>
    public override string Kind => "agreement-concluded";

    /// <inheritdoc/>
    protected override void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("agreementId", AgreementId);
        writer.WriteString("providerDid", ProviderDid);
        writer.WriteString("consumerDid", ConsumerDid);
        writer.WriteString("assetId", AssetId);
        writer.WriteString("policyHash", PolicyHash);
    }
}
