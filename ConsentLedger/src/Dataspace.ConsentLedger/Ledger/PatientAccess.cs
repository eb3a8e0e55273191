using Dataspace.ConsentLedger.Consent;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>One patient's part in a data access: the pseudonym, the consent decision for them and how many of their resources left.</summary>
public sealed record PatientAccess(PatientPseudonym Patient, ConsentOutcome Decision, long ResourceCount);
