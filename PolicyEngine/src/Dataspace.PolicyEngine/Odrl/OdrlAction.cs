namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An ODRL action (by IRI) with optional refinements that narrow it.</summary>
public sealed record OdrlAction(string Iri, IReadOnlyList<ConstraintNode> Refinements)
{
    /// <summary>An action without refinements.</summary>
    public OdrlAction(string iri)
        : this(iri, [])
    {
    }
}
