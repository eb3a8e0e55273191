namespace Dataspace.ConsentLedger.Consent;

/// <summary>How serious a Consent issue is, with the same meaning as FHIR OperationOutcome.issue.severity.</summary>
public enum ConsentIssueSeverity
{
    /// <summary>The Consent cannot be enforced as written and must be rejected.</summary>
    Error,

    /// <summary>The Consent is enforced, but a reader may not get what they expect.</summary>
    Warning,
}
