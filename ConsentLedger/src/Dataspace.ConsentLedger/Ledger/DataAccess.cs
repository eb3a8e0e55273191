using System.Collections.Immutable;
using System.Text.Json;
using Dataspace.ConsentLedger.Consent;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>Data left the connector (or was refused) under an agreement: who, why, how much, and which Consents decided.</summary>
public sealed record DataAccess(
    DateTimeOffset RecordedAt,
    string AgreementId,
    string ConsumerDid,
    string Purpose,
    long ResourceCount,
    long PatientCount,
    ImmutableArray<string> ConsentIds,
    ConsentOutcome Decision,
    bool BreakGlass)
    : LedgerEntry(RecordedAt)
{
    /// <summary>Each patient the request named, as a ledger pseudonym with the decision for them (empty in entries written before patients were recorded).</summary>
    public ImmutableArray<PatientAccess> Patients { get; init; } = [];

    /// <inheritdoc/>
    public override string Kind => "data-access";

    /// <inheritdoc/>
    protected override void WriteMembers(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("agreementId", AgreementId);
        writer.WriteString("consumerDid", ConsumerDid);
        writer.WriteString("purpose", Purpose);
        writer.WriteNumber("resourceCount", ResourceCount);
        writer.WriteNumber("patientCount", PatientCount);
        writer.WriteStartArray("consentIds");
        foreach (var id in ConsentIds.IsDefault ? [] : ConsentIds)
        {
            writer.WriteStringValue(id);
        }

        writer.WriteEndArray();
        writer.WriteString("decision", Wire(Decision));
        writer.WriteBoolean("breakGlass", BreakGlass);
        writer.WriteStartArray("patients");
        foreach (var access in (Patients.IsDefault ? [] : Patients).OrderBy(a => a.Patient.Value, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("patient", access.Patient.Value);
            writer.WriteString("decision", Wire(access.Decision));
            writer.WriteNumber("resourceCount", access.ResourceCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static string Wire(ConsentOutcome outcome) => outcome switch
    {
        ConsentOutcome.Permit => "permit",
        ConsentOutcome.Deny => "deny",
        _ => "permit-with-filters",
    };
}
