namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>How an allowed element is made coarser instead of being copied.</summary>
public enum GeneralisationMethod
{
    /// <summary>A date or dateTime keeps its year only (<c>1994-02-01</c> → <c>1994</c>), unshifted so ages stay right to the year.</summary>
    Year,

    /// <summary>A birth date becomes an age band of N years at the pseudonymiser's reference date, top-coded at 90 (HIPAA Safe Harbor).</summary>
    AgeBand,

    /// <summary>An Address keeps its state and country only.</summary>
    Region,
}
