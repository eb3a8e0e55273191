namespace Dataspace.Fhir.Search;

/// <summary>A token parameter; each value is <c>system|code</c>, <c>code</c>, <c>system|</c> or <c>|code</c>.</summary>
public sealed record TokenCriterion(string Parameter, IReadOnlyList<TokenValue> Values) : SearchCriterion(Parameter);

/// <summary>One token value: a null system matches any system, an empty one only values without a system; a null code matches any code.</summary>
public sealed record TokenValue(string? System, string? Code);
