using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Dataspace.Fhir.Api;

/// <summary>Builds OperationOutcome responses: the body of every error the facade returns.</summary>
public static class OperationOutcomes
{
    /// <summary>An OperationOutcome listing <paramref name="issues"/>.</summary>
    public static OperationOutcome From(IEnumerable<FhirIssue> issues)
    {
        var outcome = new OperationOutcome { Id = FhirResourceService.NewId() };
        foreach (var issue in issues)
        {
            outcome.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = issue.Severity,
                Code = issue.Code,
                Diagnostics = issue.Diagnostics,
                Expression = issue.Expression is null ? [] : [issue.Expression],
            });
        }
        return outcome;
    }

    /// <summary>An error response with one issue.</summary>
    public static IResult Error(int status, OperationOutcome.IssueType code, string diagnostics, string? expression = null) =>
        Result(status, [FhirIssue.Error(code, diagnostics, expression)]);

    /// <summary>A response of status <paramref name="status"/> whose body lists <paramref name="issues"/>.</summary>
    public static IResult Result(int status, IEnumerable<FhirIssue> issues) => new FhirResourceResult(From(issues), status);
}
