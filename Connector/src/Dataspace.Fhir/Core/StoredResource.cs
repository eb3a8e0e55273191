namespace Dataspace.Fhir.Core;

/// <summary>One version of a resource as stored: its identity, version metadata and compact JSON (null for a deletion).</summary>
/// <param name="ResourceType">The FHIR resource type, e.g. <c>Observation</c>.</param>
/// <param name="Id">The logical id.</param>
/// <param name="VersionId">1 for the first version, then one more per update or delete.</param>
/// <param name="LastUpdated">When this version was written (UTC, millisecond precision, as in <c>meta.lastUpdated</c>).</param>
/// <param name="Deleted">True for a deletion marker.</param>
/// <param name="Json">The resource as compact single-line JSON with <c>meta.versionId</c> and <c>meta.lastUpdated</c> set; null when deleted.</param>
public sealed record StoredResource(string ResourceType, string Id, int VersionId, DateTimeOffset LastUpdated, bool Deleted, string? Json)
{
    /// <summary>The relative reference <c>Type/id</c>.</summary>
    public string Reference => ResourceType + "/" + Id;

    /// <summary>The weak ETag of this version, <c>W/"n"</c>.</summary>
    public string ETag => $"W/\"{VersionId}\"";
}
