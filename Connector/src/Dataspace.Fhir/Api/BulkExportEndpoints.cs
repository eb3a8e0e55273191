using System.Text.Json;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Export;
using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dataspace.Fhir.Api;

/// <summary>
/// FHIR Bulk Data export: <c>GET /fhir/$export</c> and <c>/fhir/Patient/$export</c> kick off (202 + Content-Location),
/// the status URL answers 202 with X-Progress until the manifest (200), DELETE cancels or discards, and each NDJSON
/// file is streamed from disk.
/// </summary>
public static class BulkExportEndpoints
{
    private const string StatusPath = "/$export-status";
    private const string FilePath = "/$export-file";

    /// <summary>Maps the export routes onto the (access-checked) facade group.</summary>
    public static void MapBulkExport(this IEndpointRouteBuilder fhir)
    {
        fhir.MapGet("/$export", (HttpContext context, ExportJobs jobs) => KickOff(context, jobs, patientCompartment: false));
        fhir.MapGet("/Patient/$export", (HttpContext context, ExportJobs jobs) => KickOff(context, jobs, patientCompartment: true));
        fhir.MapGet(StatusPath + "/{job}", Status);
        fhir.MapDelete(StatusPath + "/{job}", DeleteAsync);
        fhir.MapGet(FilePath + "/{job}/{file}", Download);
    }

    private static IResult KickOff(HttpContext context, ExportJobs jobs, bool patientCompartment)
    {
        var request = context.Request;
        if (!FhirRequest.Prefers(request, "respond-async"))
            throw FhirOutcomeException.BadRequest("Bulk Data export is asynchronous: send 'Prefer: respond-async'.");
        var types = new List<string>();
        DateTimeOffset? since = null;
        foreach (var (name, value) in FhirRequest.QueryPairs(request))
        {
            switch (name)
            {
                case "_type":
                    foreach (var type in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (!SearchParameters.IsResourceType(type))
                            throw FhirOutcomeException.BadRequest($"'{type}' in _type is not a FHIR R4 resource type.", "_type");
                        types.Add(type);
                    }
                    break;
                case "_since":
                    since = FhirDateRange.TryParse(value, out var range) && value.Contains('T', StringComparison.Ordinal)
                        ? new DateTimeOffset(range.Start, TimeSpan.Zero)
                        : throw FhirOutcomeException.BadRequest("_since must be a FHIR instant.", "_since");
                    break;
                case "_outputFormat" when value is "application/fhir+ndjson" or "application/ndjson" or "ndjson":
                    break;
                case "_outputFormat":
                    throw FhirOutcomeException.BadRequest("Only application/fhir+ndjson is offered.", "_outputFormat");
                default:
                    // Bulk Data servers must reject parameters they do not support rather than export more than asked.
                    if (!FhirRequest.Prefers(request, "handling=lenient"))
                        throw FhirOutcomeException.BadRequest($"The export parameter '{name}' is not supported.", name, OperationOutcome.IssueType.NotSupported);
                    break;
            }
        }
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}";
        var job = jobs.Start(new ExportRequest(url, types.Distinct().ToList(), since, patientCompartment));
        context.Response.Headers.ContentLocation = $"{FhirRequest.BaseUrl(request)}{StatusPath}/{job.Id}";
        return OperationOutcomes.Result(StatusCodes.Status202Accepted, [new FhirIssue(OperationOutcome.IssueSeverity.Information, OperationOutcome.IssueType.Informational, "The export has started.")]);
    }

    private static IResult Status(HttpContext context, string job, ExportJobs jobs)
    {
        var export = jobs.Find(job) ?? throw FhirOutcomeException.NotFound("No such export.");
        switch (export.State)
        {
            case ExportState.Running:
                context.Response.Headers["X-Progress"] = export.Progress;
                context.Response.Headers.RetryAfter = "1";
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case ExportState.Failed:
                throw new FhirOutcomeException(StatusCodes.Status500InternalServerError, [FhirIssue.Error(OperationOutcome.IssueType.Exception, "The export failed.")]);
            default:
                return new ManifestResult(export, FhirRequest.BaseUrl(context.Request) + FilePath);
        }
    }

    private static async Task<IResult> DeleteAsync(string job, ExportJobs jobs) =>
        await jobs.DeleteAsync(job) ? Results.StatusCode(StatusCodes.Status202Accepted) : throw FhirOutcomeException.NotFound("No such export.");

    private static IResult Download(string job, string file, ExportJobs jobs)
    {
        var export = jobs.Find(job) ?? throw FhirOutcomeException.NotFound("No such export.");
        // Only names the export listed are served, so no path from the URL ever reaches the file system.
        var path = jobs.FileOf(export, file) ?? throw FhirOutcomeException.NotFound("The export has no such file.");
        return Results.File(path, FhirMediaTypes.NdJson, enableRangeProcessing: false);
    }

    /// <summary>The completed export's manifest as the Bulk Data specification defines it.</summary>
    private sealed class ManifestResult(ExportJob export, string fileBase) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json";
            await using var writer = new Utf8JsonWriter(httpContext.Response.BodyWriter, FhirJson.Writer);
            writer.WriteStartObject();
            writer.WriteString("transactionTime", export.TransactionTime.ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("request", export.Request.RequestUrl);
            writer.WriteBoolean("requiresAccessToken", true);
            writer.WriteStartArray("output");
            foreach (var output in export.Outputs)
            {
                writer.WriteStartObject();
                writer.WriteString("type", output.ResourceType);
                writer.WriteString("url", $"{fileBase}/{export.Id}/{output.FileName}");
                writer.WriteNumber("count", output.Count);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("error");
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }
}
