using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Dataspace.Connector.Hosting;

/// <summary>Reads a JSON request body within the configured size and depth limits, so that no endpoint parses hostile input unbounded.</summary>
public static class RequestJson
{
    /// <summary>Reads the body as one JSON object, or says which client error it is.</summary>
    public static async Task<JsonBody> ReadObjectAsync(HttpRequest request, LimitsOptions limits, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not ("application/json" or "application/ld+json") && mediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) != true)
            return JsonBody.Fail(StatusCodes.Status415UnsupportedMediaType, "The body must be application/json.");
        if (request.ContentLength > limits.MaxRequestBodyBytes)
            return JsonBody.Fail(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {limits.MaxRequestBodyBytes} bytes.");

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
            sizeFeature.MaxRequestBodySize = limits.MaxRequestBodyBytes;
        try
        {
            var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth }, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                return JsonBody.Fail(StatusCodes.Status400BadRequest, "The body must be a JSON object.");
            }
            return new JsonBody(document, StatusCodes.Status200OK, null);
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            return JsonBody.Fail(StatusCodes.Status400BadRequest, $"The JSON nests deeper than {limits.MaxJsonDepth} levels.");
        }
        catch (JsonException)
        {
            return JsonBody.Fail(StatusCodes.Status400BadRequest, "The body is not well-formed JSON.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return JsonBody.Fail(StatusCodes.Status413PayloadTooLarge, $"The body exceeds {limits.MaxRequestBodyBytes} bytes.");
        }
    }
}

/// <summary>A parsed JSON body, or the client error that prevented parsing it.</summary>
/// <param name="Document">The parsed object; the caller disposes it.</param>
/// <param name="Status">200 when parsed, else the HTTP status to answer.</param>
/// <param name="Error">What is wrong with the body, safe to tell the client.</param>
public sealed record JsonBody(JsonDocument? Document, int Status, string? Error) : IDisposable
{
    /// <summary>A client error.</summary>
    public static JsonBody Fail(int status, string error) => new(null, status, error);

    public void Dispose() => Document?.Dispose();
}
