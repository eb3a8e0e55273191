using System.Globalization;
using Dataspace.Fhir.Core;
using Microsoft.AspNetCore.Http;

namespace Dataspace.Fhir.Api;

/// <summary>A response carrying a stored resource version as stored (no re-serialisation), with its ETag and Last-Modified.</summary>
/// <param name="resource">The version to send.</param>
/// <param name="status">200, or 201 after a create.</param>
/// <param name="location">The version's URL, sent as Location after a write.</param>
/// <param name="minimal">True for <c>Prefer: return=minimal</c>: headers only.</param>
public sealed class StoredResourceResult(StoredResource resource, int status = StatusCodes.Status200OK, string? location = null, bool minimal = false) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.Headers.ETag = resource.ETag;
        response.Headers.LastModified = resource.LastUpdated.ToString("R", CultureInfo.InvariantCulture);
        if (location is not null)
            response.Headers.Location = location;
        if (minimal || resource.Json is null)
            return;
        response.ContentType = FhirMediaTypes.Json;
        await response.WriteAsync(resource.Json, httpContext.RequestAborted);
    }
}
