namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>One problem in a pseudonymisation profile: <see cref="Location"/> is a JSONPath into the profile file.</summary>
public sealed record ProfileIssue(string Location, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Location}: {Message}";
}
