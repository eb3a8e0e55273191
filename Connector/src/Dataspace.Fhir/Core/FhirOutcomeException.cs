using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Core;

/// <summary>
/// A FHIR interaction that failed for a reason the client may know: the facade answers it as an OperationOutcome with
/// <see cref="Status"/>. Messages never contain resource content, so no PHI reaches an error body or a log.
/// </summary>
public sealed class FhirOutcomeException : Exception
{
    /// <summary>Creates the exception from its issues; the first error's diagnostics become the message.</summary>
    public FhirOutcomeException(int status, IReadOnlyList<FhirIssue> issues)
        : base(issues.FirstOrDefault(i => i.Severity == OperationOutcome.IssueSeverity.Error)?.Diagnostics ?? "FHIR request failed")
    {
        Status = status;
        Issues = issues;
    }

    /// <summary>The HTTP status to answer with.</summary>
    public int Status { get; }

    /// <summary>What went wrong.</summary>
    public IReadOnlyList<FhirIssue> Issues { get; }

    /// <summary>400 with an <c>invalid</c> (or other) issue.</summary>
    public static FhirOutcomeException BadRequest(string diagnostics, string? expression = null, OperationOutcome.IssueType code = OperationOutcome.IssueType.Invalid) =>
        new(400, [FhirIssue.Error(code, diagnostics, expression)]);

    /// <summary>404: the resource (or resource type) is unknown.</summary>
    public static FhirOutcomeException NotFound(string diagnostics) => new(404, [FhirIssue.Error(OperationOutcome.IssueType.NotFound, diagnostics)]);

    /// <summary>410: the resource existed and was deleted.</summary>
    public static FhirOutcomeException Gone(string diagnostics) => new(410, [FhirIssue.Error(OperationOutcome.IssueType.Deleted, diagnostics)]);

    /// <summary>409: the write conflicts with another one.</summary>
    public static FhirOutcomeException Conflict(string diagnostics) => new(409, [FhirIssue.Error(OperationOutcome.IssueType.Conflict, diagnostics)]);

    /// <summary>412: an If-Match or conditional precondition does not hold.</summary>
    public static FhirOutcomeException PreconditionFailed(string diagnostics) => new(412, [FhirIssue.Error(OperationOutcome.IssueType.Conflict, diagnostics)]);

    /// <summary>An interaction this server does not offer.</summary>
    public static FhirOutcomeException NotSupported(string diagnostics, int status = 400) => new(status, [FhirIssue.Error(OperationOutcome.IssueType.NotSupported, diagnostics)]);

    /// <summary>413: the request is larger than the configured limit.</summary>
    public static FhirOutcomeException TooLarge(string diagnostics) => new(413, [FhirIssue.Error(OperationOutcome.IssueType.TooCostly, diagnostics)]);

    /// <summary>422: the resource is well-formed but breaks a rule of this server.</summary>
    public static FhirOutcomeException Unprocessable(IReadOnlyList<FhirIssue> issues) => new(422, issues);
}
