using System.Globalization;
using System.Text.Json;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Dataspace.Fhir.Api;

/// <summary>
/// A searchset or history Bundle written straight to the response: stored resources are copied in as stored, never
/// parsed or re-serialised, and the output is flushed as it goes.
/// </summary>
/// <param name="type"><c>searchset</c> or <c>history</c>.</param>
/// <param name="baseUrl">The facade's base URL, for fullUrls.</param>
/// <param name="resources">The entries, in order.</param>
/// <param name="links">relation → URL (self, next, previous).</param>
/// <param name="total">Bundle.total, when known.</param>
/// <param name="outcome">An OperationOutcome to add as an <c>outcome</c> entry (warnings about ignored parameters).</param>
public sealed class BundleResult(
    string type,
    string baseUrl,
    IReadOnlyList<StoredResource> resources,
    IReadOnlyList<KeyValuePair<string, string>> links,
    long? total = null,
    OperationOutcome? outcome = null) : IResult
{
    private const int FlushEvery = 64;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = FhirMediaTypes.Json;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, FhirJson.Writer);
        writer.WriteStartObject();
        writer.WriteString("resourceType", "Bundle");
        writer.WriteString("id", FhirResourceService.NewId());
        writer.WriteStartObject("meta");
        writer.WriteString("lastUpdated", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteString("type", type);
        if (total is { } count)
            writer.WriteNumber("total", count);
        writer.WriteStartArray("link");
        foreach (var (relation, url) in links)
        {
            writer.WriteStartObject();
            writer.WriteString("relation", relation);
            writer.WriteString("url", url);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        if (resources.Count > 0 || outcome is not null)
        {
            writer.WriteStartArray("entry");
            for (var i = 0; i < resources.Count; i++)
            {
                WriteEntry(writer, resources[i]);
                if (i % FlushEvery == FlushEvery - 1)
                    await writer.FlushAsync(cancellationToken);
            }
            if (outcome is not null)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("resource");
                FhirJson.Write(outcome, writer);
                writer.WriteStartObject("search");
                writer.WriteString("mode", "outcome");
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    private void WriteEntry(Utf8JsonWriter writer, StoredResource resource)
    {
        writer.WriteStartObject();
        writer.WriteString("fullUrl", $"{baseUrl}/{resource.Reference}");
        if (resource.Json is not null)
        {
            writer.WritePropertyName("resource");
            // The store wrote this JSON itself, so it is known to be well-formed.
            writer.WriteRawValue(resource.Json, skipInputValidation: true);
        }
        if (type == "searchset")
        {
            writer.WriteStartObject("search");
            writer.WriteString("mode", "match");
            writer.WriteEndObject();
        }
        else
        {
            var version = resource.VersionId.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartObject("request");
            writer.WriteString("method", resource.Deleted ? "DELETE" : resource.VersionId == 1 ? "POST" : "PUT");
            writer.WriteString("url", resource.VersionId == 1 && !resource.Deleted ? resource.ResourceType : resource.Reference);
            writer.WriteEndObject();
            writer.WriteStartObject("response");
            writer.WriteString("status", resource.Deleted ? "204" : resource.VersionId == 1 ? "201" : "200");
            writer.WriteString("etag", resource.ETag);
            writer.WriteString("lastModified", resource.LastUpdated.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", CultureInfo.InvariantCulture));
            writer.WriteString("location", $"{resource.Reference}/_history/{version}");
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
