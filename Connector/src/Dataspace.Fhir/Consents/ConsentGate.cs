using Dataspace.ConsentLedger.Consent;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace Dataspace.Fhir.Consents;

/// <summary>Admits a Consent to the store only when the consent ledger can enforce it; rejects it with the validator's issues otherwise.</summary>
public static class ConsentGate
{
    /// <summary>Throws a 422 listing every issue (errors and warnings, each with its FHIRPath) when <paramref name="consent"/> has an error.</summary>
    public static void Admit(Consent consent)
    {
        var issues = ConsentValidator.Validate(consent);
        if (issues.Any(i => i.Severity == ConsentIssueSeverity.Error))
            throw FhirOutcomeException.Unprocessable(issues.Select(ToFhirIssue).ToList());
    }

    /// <summary>The kind of change from <paramref name="previous"/> (null when new) to <paramref name="current"/>.</summary>
    public static ConsentChangeKind KindOf(Consent? previous, Consent current) =>
        previous is null ? ConsentChangeKind.Recorded
        : current.Status == Consent.ConsentState.Inactive && previous.Status != Consent.ConsentState.Inactive ? ConsentChangeKind.Revoked
        : ConsentChangeKind.Updated;

    private static FhirIssue ToFhirIssue(ConsentIssue issue) => new(
        issue.Severity == ConsentIssueSeverity.Error ? OperationOutcome.IssueSeverity.Error : OperationOutcome.IssueSeverity.Warning,
        EnumUtility.ParseLiteral<OperationOutcome.IssueType>(issue.IssueType) ?? OperationOutcome.IssueType.Invalid,
        issue.Message,
        issue.Expression);
}
