namespace Dataspace.PolicyEngine.Lint;

/// <summary>One lint finding: severity, a stable code from <see cref="LintCode"/>, a message and the path to the rule or constraint.</summary>
/// <param name="Path">Path into the policy model, e.g. <c>permission[0].constraint[1].and[0]</c>.</param>
public sealed record LintFinding(LintSeverity Severity, string Code, string Message, string Path)
{
    /// <inheritdoc />
    public override string ToString() => $"{Severity.ToString().ToLowerInvariant()} {Code} at {Path}: {Message}";
}
