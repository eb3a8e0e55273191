using System.Collections.Immutable;
using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Serialization;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>The patient the <c>consent</c> benchmark decides for: three FHIR R4 Consents of the kinds this dataspace sees, and one request per outcome.</summary>
/// <remarks>
/// The FHIR spec examples of Patient/f001 nearly all carry the same date (2015-11-18), so a patient made of three of them
/// would mostly exercise the same-date tie-break; these three differ in date, actor, purpose and data scope, so each
/// request walks a different branch of the decision (newest applying Consent, its data scope, a nested exception).
/// </remarks>
public static class ConsentBenchmarkInputs
{
    /// <summary>The patient all three Consents are about.</summary>
    public const string Patient = "Patient/bench-patient";

    /// <summary>The three Consents as FHIR JSON: a treatment opt-in with a nested deny on documents, a research opt-out, and a two-year monitoring share with a partner hospital limited to Observations.</summary>
    private static readonly ImmutableArray<string> ConsentsJson =
    [
        Consent("bench-treatment", "2024-03-01", "OPTIN", """
            { "type": "permit",
              "purpose": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT" } ],
              "provision": [ { "type": "deny", "class": [ { "system": "http://hl7.org/fhir/resource-types", "code": "DocumentReference" } ] } ] }
            """),
        Consent("bench-research-opt-out", "2025-01-15", "OPTOUT", """
            { "type": "deny",
              "purpose": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "HRESCH" } ] }
            """),
        Consent("bench-monitoring", "2025-06-01", "OPTIN", """
            { "type": "permit",
              "period": { "start": "2025-06-01", "end": "2027-06-01" },
              "actor": [ { "role": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "code": "IRCP" } ] },
                           "reference": { "reference": "Organization/partner-hospital" } } ],
              "purpose": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ActReason", "code": "TREAT" } ],
              "class": [ { "system": "http://hl7.org/fhir/resource-types", "code": "Observation" } ] }
            """),
    ];

    private static readonly DateTimeOffset At = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>The partner hospital reads Observations for treatment: the monitoring share is the newest Consent that applies and covers the whole request → Permit.</summary>
    public static AccessRequest Permit { get; } = new()
    {
        Patient = Patient,
        Purpose = PurposeOfUse.Treatment,
        At = At,
        Actors = [ConsentActor.Of(ParticipationType.InformationRecipient, "Organization/partner-hospital")],
        ResourceTypes = ["Observation"],
    };

    /// <summary>A research institute asks for research: the research opt-out applies → Deny.</summary>
    public static AccessRequest Deny { get; } = new()
    {
        Patient = Patient,
        Purpose = PurposeOfUse.Research,
        At = At,
        Actors = [ConsentActor.Of(ParticipationType.InformationRecipient, "Organization/research-institute")],
    };

    /// <summary>Another hospital asks for everything for treatment: the monitoring share does not name it, so the treatment opt-in decides, minus its nested deny → Permit with filters.</summary>
    public static AccessRequest PermitWithFilters { get; } = new()
    {
        Patient = Patient,
        Purpose = PurposeOfUse.Treatment,
        At = At,
        Actors = [ConsentActor.Of(ParticipationType.InformationRecipient, "Organization/other-hospital")],
    };

    /// <summary>Parses the Consents with Firely and compiles them; done once, outside the timed decisions.</summary>
    public static IReadOnlyList<CompiledConsent> Compile()
    {
        var deserializer = new FhirJsonDeserializer();
        return [.. ConsentsJson.Select(json => ConsentCompiler.Compile(deserializer.Deserialize<FhirConsent>(json)))];
    }

    private static string Consent(string id, string date, string policyRule, string provision) => $$"""
        { "resourceType": "Consent", "id": "{{id}}", "status": "active",
          "scope": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" } ] },
          "category": [ { "coding": [ { "system": "http://loinc.org", "code": "59284-0" } ] } ],
          "patient": { "reference": "{{Patient}}" },
          "dateTime": "{{date}}",
          "policyRule": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "{{policyRule}}" } ] },
          "provision": {{provision}} }
        """;
}
