namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// One problem found in a Consent. <see cref="IssueType"/> is a FHIR issue-type code (required, value, code-invalid,
/// invariant, business-rule) and <see cref="Expression"/> a FHIRPath location, so the FHIR facade maps it to an OperationOutcome as is.
/// </summary>
public sealed record ConsentIssue(ConsentIssueSeverity Severity, string IssueType, string Expression, string Message);
