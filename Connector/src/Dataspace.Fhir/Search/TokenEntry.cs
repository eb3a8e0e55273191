namespace Dataspace.Fhir.Search;

/// <summary>A token value of a parameter: <c>system|code</c>; the system is empty when the value has none.</summary>
public sealed record TokenEntry(string Parameter, string System, string Code);
