namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// What holds for a patient with no Consent in force (IHE PCF implicit option). A recorded Consent always overrides it.
/// </summary>
public enum ImplicitConsentPolicy
{
    /// <summary>Nothing flows without a Consent (PCF <c>Policy-deny</c>); an opt-in regime.</summary>
    DenyAll,

    /// <summary>Treatment purposes flow, nothing else (PCF <c>Policy-basic-normal</c>).</summary>
    TreatmentOnly,

    /// <summary>Every request the contract and policy layers already authorised flows (PCF <c>Policy-all-normal</c>); an opt-out regime.</summary>
    AllAuthorised,
}
