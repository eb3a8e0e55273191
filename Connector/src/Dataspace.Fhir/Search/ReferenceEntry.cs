namespace Dataspace.Fhir.Search;

/// <summary>A reference value of a parameter, as the target's type and id.</summary>
public sealed record ReferenceEntry(string Parameter, string TargetType, string TargetId);
