namespace Dataspace.Fhir.Search;

/// <summary>The order of search results; ties (and the default order) go by the order resources were first stored.</summary>
public enum SortKey
{
    /// <summary>The order resources were first created.</summary>
    Stored,

    /// <summary>meta.lastUpdated.</summary>
    LastUpdated,

    /// <summary>The start of the first <c>date</c> value.</summary>
    Date,
}
