using Dataspace.ConsentLedger.Consent;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>One patient's part of a <see cref="DataAccess"/>: whose data (as a pseudonym), the consent decision for them and how many of their resources left.</summary>
/// <param name="Patient">The patient's ledger pseudonym, never the patient id.</param>
/// <param name="Decision">The consent decision for this patient; a deny means none of their resources left.</param>
/// <param name="ResourceCount">How many of this patient's resources were released.</param>
public readonly record struct PatientAccess(PatientPseudonym Patient, ConsentOutcome Decision, long ResourceCount);
