namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>One RDF triple; the predicate is always an IRI.</summary>
internal sealed record TurtleTriple(TurtleTerm Subject, string Predicate, TurtleTerm Object);
