namespace Dataspace.Fhir.Search;

/// <summary>One page of search results in the query's order, and whether pages exist before and after it.</summary>
public sealed record SearchPage(IReadOnlyList<SearchMatch> Matches, bool HasPrevious, bool HasNext)
{
    /// <summary>The cursor of the page after this one, or null.</summary>
    public SearchCursor? Next => HasNext && Matches.Count > 0 ? new SearchCursor(false, Matches[^1].SortValue, Matches[^1].Row) : null;

    /// <summary>The cursor of the page before this one, or null.</summary>
    public SearchCursor? Previous => HasPrevious && Matches.Count > 0 ? new SearchCursor(true, Matches[0].SortValue, Matches[0].Row) : null;
}
