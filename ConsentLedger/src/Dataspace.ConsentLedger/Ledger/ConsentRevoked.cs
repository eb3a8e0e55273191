namespace Dataspace.ConsentLedger.Ledger;

/// <summary>A Consent was withdrawn (status inactive or entered-in-error, or deleted); the hash is the last version's.</summary>
public sealed record ConsentRevoked(DateTimeOffset RecordedAt, string ConsentId, string ConsentHash, PatientPseudonym Patient)
    : ConsentLifecycleEntry(RecordedAt, ConsentId, ConsentHash, Patient)
{
    /// <inheritdoc/>
    public override string Kind => "consent-revoked";
}
