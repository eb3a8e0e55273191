namespace Dataspace.PolicyEngine.Odrl;

/// <summary>One malformed-ODRL finding: a JSONPath-like path into the expanded document ("odrl:" abbreviates the ODRL namespace) and a message.</summary>
public sealed record ParseError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
