namespace Dataspace.JsonLd;

/// <summary>Resource limits that protect the processor against hostile or broken documents.</summary>
public sealed record JsonLdLimits
{
    /// <summary>Maximum nesting depth of JSON arrays and objects in any input or loaded document.</summary>
    public int MaxJsonDepth { get; init; } = 256;

    /// <summary>Maximum number of nested remote context loads (also the bound for scoped context chains).</summary>
    public int MaxContextDepth { get; init; } = 32;

    /// <summary>Maximum size in bytes of a document returned by the document loader.</summary>
    public long MaxDocumentSize { get; init; } = 10 * 1024 * 1024;
}
