using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Consents;

/// <summary>A stored Consent version and what its write did, collected until the transaction commits.</summary>
public sealed record ConsentChange(Consent Consent, ConsentChangeKind Kind);
