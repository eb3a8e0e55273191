namespace Dataspace.ConsentLedger.Consent;

/// <summary>What a provision does within its scope: the FHIR <c>provision.type</c>.</summary>
public enum ConsentEffect
{
    /// <summary>The data in scope may flow.</summary>
    Permit,

    /// <summary>The data in scope must not flow.</summary>
    Deny,
}
