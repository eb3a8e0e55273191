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
        writer.WriteString("decision", Decision switch
        {
            ConsentOutcome.Permit => "permit",
            ConsentOutcome.Deny => "deny",
            _ => "permit-with-filters",
        });
        writer.WriteBoolean("breakGlass", BreakGlass);
    }
}
