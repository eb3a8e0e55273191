namespace Dataspace.JsonLd.Rdf;

/// <summary>An RDF triple in a graph; <see cref="Graph"/> is null for the default graph.</summary>
public sealed record RdfQuad(RdfTerm Subject, RdfTerm Predicate, RdfTerm Object, RdfTerm? Graph)
{
    /// <summary>The quad as one N-Quads line (with the terminating " .", without newline).</summary>
    public override string ToString() =>
        Graph is null ? $"{Subject} {Predicate} {Object} ." : $"{Subject} {Predicate} {Object} {Graph} .";
}
