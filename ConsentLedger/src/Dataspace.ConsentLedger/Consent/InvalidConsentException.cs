using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>Thrown when a Consent with errors is compiled; <see cref="Issues"/> says what is wrong.</summary>
public sealed class InvalidConsentException : Exception
{
    /// <summary>Creates the exception from the validator's issues.</summary>
    public InvalidConsentException(ImmutableArray<ConsentIssue> issues)
        : base(Describe(issues)) => Issues = issues;

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidConsentException()
        : this([])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidConsentException(string message)
        : base(message) => Issues = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidConsentException(string message, Exception innerException)
        : base(message, innerException) => Issues = [];

    /// <summary>Every issue the validator found, errors and warnings.</summary>
    public ImmutableArray<ConsentIssue> Issues { get; }

    private static string Describe(ImmutableArray<ConsentIssue> issues) =>
        issues.IsDefaultOrEmpty
            ? "The Consent is invalid."
            : "The Consent is invalid: " + string.Join("; ", issues.Where(i => i.Severity == ConsentIssueSeverity.Error).Select(i => $"{i.Expression}: {i.Message}"));
}
