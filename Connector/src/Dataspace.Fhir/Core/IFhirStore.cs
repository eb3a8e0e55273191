using Dataspace.Fhir.Search;

namespace Dataspace.Fhir.Core;

/// <summary>
/// The FHIR resource store: versioned resources with search indexes. It knows no HTTP and checks no access; the facade
/// and the data plane each put their own checks in front of it.
/// </summary>
public interface IFhirStore
{
    /// <summary>The current version of a resource (possibly a deletion marker), or null if it never existed.</summary>
    Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default);

    /// <summary>One version of a resource, or null.</summary>
    Task<StoredResource?> ReadVersionAsync(string resourceType, string id, int versionId, CancellationToken cancellationToken = default);

    /// <summary>The newest <paramref name="limit"/> versions of a resource, newest first; empty if it never existed.</summary>
    Task<IReadOnlyList<StoredResource>> HistoryAsync(string resourceType, string id, int limit, CancellationToken cancellationToken = default);

    /// <summary>One page of current, non-deleted resources matching <paramref name="query"/>.</summary>
    Task<SearchPage> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many current, non-deleted resources match <paramref name="query"/> (paging is ignored).</summary>
    Task<long> CountAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>The resource types that have at least one current resource (in the patient compartment when asked).</summary>
    Task<IReadOnlyList<string>> ResourceTypesAsync(bool patientCompartmentOnly, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every current resource of a type, streamed from the database row by row in stored order: for Bulk Data export and
    /// the data plane, which must never hold a whole result in memory.
    /// </summary>
    /// <param name="resourceType">The type to read.</param>
    /// <param name="filter">Which resources: changed after, up to, in the patient compartment.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    IAsyncEnumerable<StoredResource> StreamAsync(string resourceType, StreamFilter filter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every current resource matching <paramref name="query"/> (its criteria and order; its count is the size of each read
    /// after a smaller first one), as the stored compact JSON in UTF-8: read page after page with the keyset cursor, so
    /// nothing stays open between pages and memory holds one page. For the data plane, which copies the bytes to its
    /// consumer without parsing them.
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> StreamMatchesAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>Starts an all-or-nothing write: nothing is visible to others until <see cref="IFhirWriteTransaction.CommitAsync"/>.</summary>
    Task<IFhirWriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default);
}
