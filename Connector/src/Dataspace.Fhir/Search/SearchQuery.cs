namespace Dataspace.Fhir.Search;

/// <summary>A parsed search of one resource type: criteria (AND), order, page size and position.</summary>
/// <param name="ResourceType">The type searched.</param>
/// <param name="Criteria">Every criterion must hold.</param>
/// <param name="Sort">The order of results.</param>
/// <param name="Count">Page size.</param>
/// <param name="Cursor">Where the page starts; null for the first page.</param>
/// <param name="SummaryCount">True for <c>_summary=count</c>: only the total is wanted.</param>
public sealed record SearchQuery(
    string ResourceType,
    IReadOnlyList<SearchCriterion> Criteria,
    SearchSort Sort,
    int Count,
    SearchCursor? Cursor = null,
    bool SummaryCount = false);
