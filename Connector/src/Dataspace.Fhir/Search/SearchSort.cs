namespace Dataspace.Fhir.Search;

/// <summary>The sort of a search: a key and a direction.</summary>
public sealed record SearchSort(SortKey Key, bool Descending)
{
    /// <summary>Creation order, ascending.</summary>
    public static SearchSort Default { get; } = new(SortKey.Stored, false);
}
