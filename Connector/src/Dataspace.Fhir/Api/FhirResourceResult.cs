using System.Text.Json;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;

namespace Dataspace.Fhir.Api;

/// <summary>A response carrying a resource built in memory (OperationOutcome, CapabilityStatement, transaction response).</summary>
public sealed class FhirResourceResult(Resource resource, int status = StatusCodes.Status200OK) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = FhirMediaTypes.Json;
        await using var writer = new Utf8JsonWriter(response.BodyWriter, FhirJson.Writer);
        FhirJson.Write(resource, writer);
        await writer.FlushAsync(httpContext.RequestAborted);
    }
}
