namespace Dataspace.Fhir.Search;

/// <summary>A search request as understood: the query, the parameters to repeat in paging links, and what was ignored under lenient handling.</summary>
public sealed record ParsedSearch(SearchQuery Query, IReadOnlyList<KeyValuePair<string, string>> LinkParameters, IReadOnlyList<string> Ignored);
