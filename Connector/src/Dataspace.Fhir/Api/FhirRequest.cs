using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Dataspace.Fhir.Api;

/// <summary>What the facade reads from a request: its FHIR body (within limits), its Prefer preferences and the server's base URL.</summary>
public static class FhirRequest
{
    /// <summary>Reads and parses the body as one FHIR resource, refusing oversize, deep, malformed and non-JSON bodies.</summary>
    public static async Task<Resource> ReadResourceAsync(HttpRequest request, FhirOptions options, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/fhir+json" or "application/json" or "application/json+fhir"))
            throw new FhirOutcomeException(StatusCodes.Status415UnsupportedMediaType, [FhirIssue.Error(OperationOutcome.IssueType.NotSupported, "The body must be application/fhir+json.")]);
        var limit = options.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
            throw FhirOutcomeException.TooLarge($"The body exceeds {limit} bytes.");
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw FhirOutcomeException.TooLarge($"The body exceeds {limit} bytes.");
        }
        if (buffer.Length > limit)
            throw FhirOutcomeException.TooLarge($"The body exceeds {limit} bytes.");
        if (buffer.Length == 0)
            throw FhirOutcomeException.BadRequest("The request has no body.");
        return FhirJson.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options.MaxJsonDepth);
    }

    /// <summary>True when the <c>Prefer</c> header carries <paramref name="preference"/> (e.g. <c>handling=lenient</c>).</summary>
    public static bool Prefers(HttpRequest request, string preference) =>
        request.Headers["Prefer"].SelectMany(v => (v ?? "").Split(',', ';')).Any(p => string.Equals(p.Trim(), preference, StringComparison.OrdinalIgnoreCase));

    /// <summary>The absolute base URL of the facade as the client addressed it, e.g. <c>http://127.0.0.1:7071/fhir</c>.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}{FhirEndpoints.Prefix}";

    /// <summary>The query string as name/value pairs in order, each repeated parameter once per occurrence.</summary>
    public static IEnumerable<KeyValuePair<string, string>> QueryPairs(HttpRequest request) =>
        request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? "")));
}
