namespace Dataspace.ConsentLedger.Ledger;

/// <summary>A recorded Consent was replaced by a new version; the hash is the new version's.</summary>
public sealed record ConsentUpdated(DateTimeOffset RecordedAt, string ConsentId, string ConsentHash, PatientPseudonym Patient)
    : ConsentLifecycleEntry(RecordedAt, ConsentId, ConsentHash, Patient)
{
    /// <inheritdoc/>
    public override string Kind => "consent-updated";
}
