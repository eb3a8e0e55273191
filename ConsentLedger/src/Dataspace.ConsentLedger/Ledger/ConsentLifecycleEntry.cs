using System.Text.Json;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>What every Consent lifecycle entry records: which Consent, the hash of its content, and whose it is as a pseudonym.</summary>
public abstract record ConsentLifecycleEntry(DateTimeOffset RecordedAt, string ConsentId, string ConsentHash, PatientPseudonym Patient)
    : LedgerEntry(RecordedAt)
{
    /// <inheritdoc/>
    public override IReadOnlyList<PatientPseudonym> NamedPatients => [Patient];

    /// <inheritdoc/>
    protected override void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("consentId", ConsentId);
        writer.WriteString("consentHash", ConsentHash);
        writer.WriteString("patient", Patient.Value);
    }
}
