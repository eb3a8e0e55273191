using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dataspace.Fhir.Api;

/// <summary>Turns every failure of a <c>/fhir</c> handler into an OperationOutcome: the client's mistakes as 4xx, the server's as a bare 500.</summary>
public sealed class FhirErrorFilter(ILogger<FhirErrorFilter> logger) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (FhirOutcomeException e)
        {
            return OperationOutcomes.Result(e.Status, e.Issues);
        }
        catch (BadHttpRequestException e)
        {
            return OperationOutcomes.Error(e.StatusCode, OperationOutcome.IssueType.Invalid, "The request could not be read.");
        }
        catch (OperationCanceledException) when (context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads an answer.
            return Results.Empty;
        }
        catch (Exception e)
        {
            // The exception may quote data; it goes to the operator's log only, the client learns nothing about it.
            logger.LogError(e, "FHIR request {Method} {Path} failed", context.HttpContext.Request.Method, context.HttpContext.Request.Path);
            return OperationOutcomes.Error(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, "internal error");
        }
    }
}
