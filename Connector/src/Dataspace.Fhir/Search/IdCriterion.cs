namespace Dataspace.Fhir.Search;

/// <summary><c>_id=a,b</c>.</summary>
public sealed record IdCriterion(IReadOnlyList<string> Ids) : SearchCriterion(SearchParameters.Id);
