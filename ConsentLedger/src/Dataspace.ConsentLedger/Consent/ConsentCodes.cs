using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>Reads the coded primitives of a Consent by their literal, so unknown values are reported rather than lost.</summary>
internal static class ConsentCodes
{
    public static readonly string[] Statuses = ["draft", "proposed", "active", "rejected", "inactive", "entered-in-error"];

    public static string? Literal(PrimitiveType? element) => element?.JsonValue as string;

    public static ConsentEffect? ParseType(string? literal) => literal switch
    {
        "permit" => ConsentEffect.Permit,
        "deny" => ConsentEffect.Deny,
        _ => null,
    };

    public static DataMeaning? ParseMeaning(string? literal) => literal switch
    {
        "instance" => DataMeaning.Instance,
        "related" => DataMeaning.Related,
        "dependents" => DataMeaning.Dependents,
        "authoredby" => DataMeaning.AuthoredBy,
        _ => null,
    };

    /// <summary>The base decision a policyRule implies: opt-in (with or without restrictions) permits, opt-out denies.</summary>
    public static ConsentEffect? BaseEffect(CodeableConcept? policyRule)
    {
        foreach (var coding in policyRule?.Coding ?? [])
        {
            if (CodeSystems.Canonical(coding.System) != CodeSystems.ActCode)
            {
                continue;
            }

            switch (coding.Code)
            {
                case "OPTIN" or "OPTINR":
                    return ConsentEffect.Permit;
                case "OPTOUT" or "OPTOUTE":
                    return ConsentEffect.Deny;
            }
        }

        return null;
    }

    public static bool IsPatientPrivacy(CodeableConcept? scope) =>
        scope?.Coding.Any(c => CodeSystems.Canonical(c.System) == CodeSystems.ConsentScope && c.Code == "patient-privacy") == true;

    public static ConsentEffect Opposite(ConsentEffect effect) =>
        effect == ConsentEffect.Permit ? ConsentEffect.Deny : ConsentEffect.Permit;
}
