namespace Dataspace.Fhir.Search;

/// <summary>A reference parameter; a null type matches a target of any type with that id.</summary>
public sealed record ReferenceCriterion(string Parameter, IReadOnlyList<ReferenceValue> Values) : SearchCriterion(Parameter);

/// <summary>One reference value.</summary>
public sealed record ReferenceValue(string? TargetType, string TargetId);
