using System.Collections.Immutable;
using System.Text.Json;
using Dataspace.ConsentLedger.Consent;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>Data left the connector (or was refused) under an agreement: who, why, how much, for which patients, and which Consents decided.</summary>
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
    private readonly ImmutableArray<PatientAccess> _patients = [];

    /// <inheritdoc/>
    public override string Kind => "data-access";

    /// <summary>
    /// Each patient the request named, with the decision and resource count for them; kept sorted by pseudonym (then
    /// decision and count), so the same accesses give the same canonical bytes whatever order the data plane saw them in.
    /// </summary>
    public ImmutableArray<PatientAccess> Patients
    {
        get => _patients;
        init => _patients = Sorted(value);
    }

    /// <inheritdoc/>
    public override IReadOnlyList<PatientPseudonym> NamedPatients
    {
        get
        {
            if (_patients.Length == 0)
            {
                return [];
            }

            // Sorted, so a patient named twice sits in adjacent places.
            var named = new List<PatientPseudonym>(_patients.Length);
            foreach (var access in _patients)
            {
                if (named.Count == 0 || named[^1] != access.Patient)
                {
                    named.Add(access.Patient);
                }
            }

            return named;
        }
    }

    // The ledger's word for a consent decision.
    private static string DecisionCode(ConsentOutcome decision) => decision switch
    {
        ConsentOutcome.Permit => "permit",
        ConsentOutcome.Deny => "deny",
        _ => "permit-with-filters",
    };

    // The order Patients keeps: pseudonyms by ordinal (base64url, so ASCII: the same order as RFC 8785's), then decision, then count.
    private static int Compare(PatientAccess left, PatientAccess right)
    {
        var byPatient = string.CompareOrdinal(left.Patient.Value, right.Patient.Value);
        if (byPatient != 0)
        {
            return byPatient;
        }

        var byDecision = left.Decision.CompareTo(right.Decision);
        return byDecision != 0 ? byDecision : left.ResourceCount.CompareTo(right.ResourceCount);
    }

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
        writer.WriteStartArray("patients");
        foreach (var access in _patients)
        {
            writer.WriteStartObject();
            writer.WriteString("patient", access.Patient.Value);
            writer.WriteString("decision", DecisionCode(access.Decision));
            writer.WriteNumber("resourceCount", access.ResourceCount);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("decision", DecisionCode(Decision));
        writer.WriteBoolean("breakGlass", BreakGlass);
    }

    private static ImmutableArray<PatientAccess> Sorted(ImmutableArray<PatientAccess> patients)
    {
        if (patients.IsDefaultOrEmpty)
        {
            return [];
        }

        for (var i = 1; i < patients.Length; i++)
        {
            if (Compare(patients[i - 1], patients[i]) > 0)
            {
                return patients.Sort(Compare);
            }
        }

        return patients;
    }
}
