using Dataspace.Fhir.Core;

namespace Dataspace.Fhir.Search;

/// <summary>One search result with its position, from which paging cursors are made.</summary>
public sealed record SearchMatch(StoredResource Resource, long SortValue, long Row);
