namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL target: one asset, or an asset collection optionally narrowed by refinements.</summary>
public sealed record Asset(string? Iri, bool IsCollection, IReadOnlyList<ConstraintNode> Refinements)
{
    /// <summary>A single asset identified by IRI.</summary>
    public Asset(string iri)
        : this(iri, false, [])
    {
    }
}
