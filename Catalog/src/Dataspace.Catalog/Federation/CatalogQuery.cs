namespace Dataspace.Catalog.Federation;

/// <summary>A federated catalog search: free text (every word must match a word prefix) and facet filters (any of the values).</summary>
public sealed record CatalogQuery
{
    public string? Text { get; init; }

    public IReadOnlyList<string> Publishers { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<string> HealthCategories { get; init; } = [];

    public IReadOnlyList<string> Formats { get; init; } = [];

    public IReadOnlyList<string> Purposes { get; init; } = [];

    public IReadOnlyList<string> Participants { get; init; } = [];

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}

/// <summary>One page of hits, the total, and for each facet how many hits carry each value.</summary>
/// <param name="Total">Hits before paging.</param>
/// <param name="Hits">The requested page.</param>
/// <param name="Facets">Facet name → value → count over all hits.</param>
public sealed record CatalogQueryResult(int Total, IReadOnlyList<CatalogEntry> Hits, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Facets);
