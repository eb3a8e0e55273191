namespace Dataspace.ConsentLedger.Consent;

/// <summary>The data criteria of a provision, one per FHIR element.</summary>
internal enum ScopeDimension
{
    Class,
    Code,
    DataPeriod,
    Data,
    SecurityLabel,
}
