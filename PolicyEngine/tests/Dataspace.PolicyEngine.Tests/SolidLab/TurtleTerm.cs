namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>An RDF term read from Turtle: an IRI, a blank node (Value is its label without "_:") or a literal.</summary>
internal sealed record TurtleTerm(TurtleTermKind Kind, string Value, string? Datatype = null, string? Language = null)
{
    public static TurtleTerm Iri(string iri) => new(TurtleTermKind.Iri, iri);

    public bool IsIri => Kind == TurtleTermKind.Iri;
}
