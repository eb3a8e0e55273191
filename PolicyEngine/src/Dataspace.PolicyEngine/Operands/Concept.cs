namespace Dataspace.PolicyEngine.Operands;

/// <summary>One concept of a <see cref="ConceptScheme"/>: its IRI, broader concepts and short aliases.</summary>
public sealed record Concept(string Iri, IReadOnlyList<string> Broader, IReadOnlyList<string> Aliases);
