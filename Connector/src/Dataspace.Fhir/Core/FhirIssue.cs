using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Core;

/// <summary>One issue of an OperationOutcome: what went wrong, where (a FHIRPath expression) and how badly.</summary>
public sealed record FhirIssue(OperationOutcome.IssueSeverity Severity, OperationOutcome.IssueType Code, string Diagnostics, string? Expression = null)
{
    /// <summary>An error issue.</summary>
    public static FhirIssue Error(OperationOutcome.IssueType code, string diagnostics, string? expression = null) =>
        new(OperationOutcome.IssueSeverity.Error, code, diagnostics, expression);

    /// <summary>A warning issue.</summary>
    public static FhirIssue Warning(OperationOutcome.IssueType code, string diagnostics, string? expression = null) =>
        new(OperationOutcome.IssueSeverity.Warning, code, diagnostics, expression);
}
