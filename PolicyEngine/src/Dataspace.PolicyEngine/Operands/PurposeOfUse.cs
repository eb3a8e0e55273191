namespace Dataspace.PolicyEngine.Operands;

/// <summary>Purposes of use: HL7 v3-ActReason PurposeOfUse codes placed under DPV research purposes, with short aliases.</summary>
/// <remarks>Codes are written as code-system IRI + "#" + code, the form FHIR codings take when an IRI is needed.</remarks>
public static class PurposeOfUse
{
    public const string Hl7 = "http://terminology.hl7.org/CodeSystem/v3-ActReason#";
    public const string Dpv = "https://w3id.org/dpv#";

    public const string Treatment = Hl7 + "TREAT";
    public const string EmergencyTreatment = Hl7 + "ETREAT";
    public const string BreakTheGlass = Hl7 + "BTG";
    public const string HealthResearch = Hl7 + "HRESCH";
    public const string ClinicalTrialResearch = Hl7 + "CLINTRCH";
    public const string PublicHealth = Hl7 + "PUBHLTH";
    public const string Operations = Hl7 + "HOPERAT";
    public const string Payment = Hl7 + "HPAYMT";
    public const string ScientificResearch = Dpv + "ScientificResearch";
    public const string ResearchAndDevelopment = Dpv + "ResearchAndDevelopment";

    /// <summary>The purpose hierarchy: emergency treatment ⊂ treatment, health research ⊂ scientific research, and so on.</summary>
    public static ConceptScheme Scheme { get; } = new(
        [
            new Concept(Treatment, [], ["treatment", "TREAT"]),
            new Concept(EmergencyTreatment, [Treatment], ["emergency-treatment", "emergencyTreatment", "ETREAT"]),
            new Concept(BreakTheGlass, [EmergencyTreatment], ["break-the-glass", "BTG"]),
            new Concept(ResearchAndDevelopment, [], ["research-and-development"]),
            new Concept(ScientificResearch, [ResearchAndDevelopment], ["scientific-research"]),
            new Concept(HealthResearch, [ScientificResearch], ["research", "health-research", "HRESCH"]),
            new Concept(ClinicalTrialResearch, [HealthResearch], ["clinical-trial-research", "CLINTRCH"]),
            new Concept(PublicHealth, [], ["public-health", "publicHealth", "PUBHLTH"]),
            new Concept(Operations, [], ["operations", "HOPERAT"]),
            new Concept(Payment, [], ["payment", "HPAYMT"]),
        ]);
}
