namespace Dataspace.Fhir.Consents;

/// <summary>What a write did to a patient's Consent, in the words of the ledger's entry kinds.</summary>
public enum ConsentChangeKind
{
    /// <summary>A new Consent was stored.</summary>
    Recorded,

    /// <summary>An existing Consent was replaced by a new version that is not a revocation.</summary>
    Updated,

    /// <summary>The Consent's status changed to <c>inactive</c>: the patient withdrew it.</summary>
    Revoked,
}
