using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Operands;

/// <summary>This dataspace's ODRL profile terms for health data; one place to change if the profile gets a published IRI.</summary>
public static class HealthPolicyIri
{
    /// <summary>Profile namespace (a URN, so no domain is claimed before one is registered).</summary>
    public const string Ns = "urn:dataspace:policy:";

    /// <summary>Left operand: the participant role from the caller's verified membership credential.</summary>
    public const string Role = Ns + "role";

    /// <summary>Left operand: true when patient consent on file covers the requested purpose.</summary>
    public const string ConsentForPurpose = Ns + "consentForPurpose";

    /// <summary>Duty action: pseudonymise the data before it leaves the provider.</summary>
    public const string Pseudonymise = Ns + "pseudonymise";

    /// <summary>True for duty actions that de-identify data (odrl:anonymize or this profile's pseudonymise).</summary>
    public static bool IsDeidentification(string actionIri) => actionIri is OdrlIri.Anonymize or Pseudonymise;
}
