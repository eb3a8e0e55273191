namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>The three kinds of RDF term.</summary>
internal enum TurtleTermKind
{
    Iri,
    Blank,
    Literal,
}
