using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>Thrown when a pseudonymisation profile does not validate; <see cref="Issues"/> lists every problem found.</summary>
public sealed class InvalidProfileException : Exception
{
    /// <summary>Creates the exception from the validator's issues.</summary>
    public InvalidProfileException(string source, ImmutableArray<ProfileIssue> issues)
        : base($"Pseudonymisation profile {source} is invalid: " + string.Join("; ", issues)) => Issues = issues;

    /// <summary>Creates the exception with no issues.</summary>
    public InvalidProfileException()
        : this("(unnamed)", [])
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    public InvalidProfileException(string message)
        : base(message) => Issues = [];

    /// <summary>Creates the exception with a message and a cause.</summary>
    public InvalidProfileException(string message, Exception innerException)
        : base(message, innerException) => Issues = [];

    /// <summary>Every problem found, in file order.</summary>
    public ImmutableArray<ProfileIssue> Issues { get; }
}
