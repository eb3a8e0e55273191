namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL party: one participant, or a party collection optionally narrowed by refinements.</summary>
public sealed record Party(string? Iri, bool IsCollection, IReadOnlyList<ConstraintNode> Refinements)
{
    /// <summary>A single party identified by IRI (a DID for dataspace participants).</summary>
    public Party(string iri)
        : this(iri, false, [])
    {
    }
}
