namespace Dataspace.ConsentLedger.Consent;

/// <summary>How a <c>provision.data</c> reference reaches resources (FHIR ConsentDataMeaning).</summary>
public enum DataMeaning
{
    /// <summary>The referenced resource itself.</summary>
    Instance,

    /// <summary>The referenced resource and the resources it refers to.</summary>
    Related,

    /// <summary>The referenced resource and the resources that refer to it.</summary>
    Dependents,

    /// <summary>The resources authored by the referenced party.</summary>
    AuthoredBy,
}
