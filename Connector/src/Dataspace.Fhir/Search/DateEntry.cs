namespace Dataspace.Fhir.Search;

/// <summary>A date value of a parameter as an inclusive UTC tick range.</summary>
public sealed record DateEntry(string Parameter, long Start, long End);
