namespace Dataspace.PolicyEngine.Odrl;

/// <summary>One malformed-ODRL finding: a JSONPath-like path into the expanded document ("odrl:" abbreviates the ODRL namespace) and a message.</summary>
public sealed record ParseError(string Path, string Message)
{
    /// <summary>The JSON-LD 1.1 API error code (e.g. "invalid @id value") when expansion failed; null for ODRL findings.</summary>
    public string? JsonLdCode { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
