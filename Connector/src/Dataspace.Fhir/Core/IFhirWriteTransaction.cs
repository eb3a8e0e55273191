using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Core;

/// <summary>
/// One database transaction of writes. Reads through it see its own writes and lock what they read where the database
/// can, so a version check and the write that follows it cannot interleave with another writer.
/// Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public interface IFhirWriteTransaction : IAsyncDisposable
{
    /// <summary>The current version of a resource, or null.</summary>
    Task<StoredResource?> ReadAsync(string resourceType, string id, CancellationToken cancellationToken = default);

    /// <summary>Ids of current resources matching <paramref name="query"/>, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> FindIdsAsync(SearchQuery query, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="resource"/> (whose id is set) as the version after <paramref name="current"/>, setting
    /// <c>meta.versionId</c> and <c>meta.lastUpdated</c> on it, and re-indexes it.
    /// </summary>
    Task<StoredResource> SaveAsync(Resource resource, StoredResource? current, CancellationToken cancellationToken = default);

    /// <summary>Records a deletion as the version after <paramref name="current"/>; the resource leaves search results.</summary>
    Task<StoredResource> DeleteAsync(StoredResource current, CancellationToken cancellationToken = default);

    /// <summary>Makes every write of this transaction durable and visible.</summary>
    Task CommitAsync(CancellationToken cancellationToken = default);
}
