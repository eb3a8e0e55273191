namespace Dataspace.ConsentLedger.Ledger;

/// <summary>A new Consent was recorded.</summary>
public sealed record ConsentRecorded(DateTimeOffset RecordedAt, string ConsentId, string ConsentHash, PatientPseudonym Patient)
    : ConsentLifecycleEntry(RecordedAt, ConsentId, ConsentHash, Patient)
{
    /// <inheritdoc/>
    public override string Kind => "consent-recorded";
}
