namespace Dataspace.ConsentLedger.Consent;

/// <summary>The code systems a patient-privacy Consent uses, with the aliases that older instances still carry.</summary>
public static class CodeSystems
{
    /// <summary>HL7 v3 ActReason, which holds the PurposeOfUse codes (TREAT, ETREAT, HRESCH …).</summary>
    public const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    /// <summary>HL7 v3 ActCode: policy rules (OPTIN, OPTOUT …) and sensitivity labels (PSY, HIV …).</summary>
    public const string ActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    /// <summary>HL7 v3 ParticipationType: actor roles such as IRCP, PRCP, CST, AUT.</summary>
    public const string ParticipationType = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

    /// <summary>FHIR consentaction: collect, access, use, disclose, correct.</summary>
    public const string ConsentAction = "http://terminology.hl7.org/CodeSystem/consentaction";

    /// <summary>FHIR consentscope: adr, research, patient-privacy, treatment.</summary>
    public const string ConsentScope = "http://terminology.hl7.org/CodeSystem/consentscope";

    /// <summary>FHIR resource types, the system of a <c>provision.class</c> that names a resource type.</summary>
    public const string ResourceTypes = "http://hl7.org/fhir/resource-types";

    // The OID and pre-terminology.hl7.org URIs name the same systems; instances written before 2019 use them.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["urn:oid:2.16.840.1.113883.5.8"] = ActReason,
        ["http://hl7.org/fhir/v3/ActReason"] = ActReason,
        ["urn:oid:2.16.840.1.113883.5.4"] = ActCode,
        ["http://hl7.org/fhir/v3/ActCode"] = ActCode,
        ["urn:oid:2.16.840.1.113883.5.90"] = ParticipationType,
        ["http://hl7.org/fhir/v3/ParticipationType"] = ParticipationType,
        ["http://hl7.org/fhir/consentaction"] = ConsentAction,
        ["http://hl7.org/fhir/consentscope"] = ConsentScope,
    };

    /// <summary>The canonical URI for <paramref name="system"/>; unknown systems come back unchanged and null becomes empty.</summary>
    public static string Canonical(string? system) =>
        system is null ? string.Empty : Aliases.GetValueOrDefault(system, system);
}
