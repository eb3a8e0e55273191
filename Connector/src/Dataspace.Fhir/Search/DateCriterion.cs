namespace Dataspace.Fhir.Search;

/// <summary>A date parameter, or <c>_lastUpdated</c>.</summary>
public sealed record DateCriterion(string Parameter, IReadOnlyList<DateValue> Values) : SearchCriterion(Parameter);

/// <summary>One prefixed date value.</summary>
public sealed record DateValue(DatePrefix Prefix, FhirDateRange Range);
