using System.Globalization;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Dataspace.Fhir.Api;

/// <summary>The FHIR R4 REST facade under <c>/fhir</c>: read, vread, create, update, conditional update, delete, history, search, transaction.</summary>
public static class FhirEndpoints
{
    /// <summary>Where the facade is mounted.</summary>
    public const string Prefix = "/fhir";

    /// <summary>Maps the facade; returns the group so the host can add its own filters or metadata.</summary>
    public static RouteGroupBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        var root = app.MapGroup(Prefix).AddEndpointFilter<FhirErrorFilter>().ExcludeFromDescription();
        // The CapabilityStatement holds no data, and clients read it before they authenticate.
        root.MapGet("/metadata", () => new FhirResourceResult(CapabilityStatementFactory.Instance));

        var fhir = root.MapGroup("").AddEndpointFilter<FhirAccessFilter>();
        fhir.MapPost("/", TransactionAsync);
        fhir.MapBulkExport();
        fhir.MapGet("/{type}", SearchAsync);
        fhir.MapPost("/{type}", CreateAsync);
        fhir.MapPut("/{type}", ConditionalUpdateAsync);
        fhir.MapGet("/{type}/{id}", ReadAsync);
        fhir.MapPut("/{type}/{id}", UpdateAsync);
        fhir.MapDelete("/{type}/{id}", DeleteAsync);
        fhir.MapGet("/{type}/{id}/_history", HistoryAsync);
        fhir.MapGet("/{type}/{id}/_history/{vid}", VReadAsync);
        fhir.MapFallback("/{**rest}", Unsupported);
        return root;
    }

    private static async Task<IResult> SearchAsync(HttpContext context, string type, IFhirStore store, IOptions<FhirOptions> options)
    {
        CheckType(type);
        var request = context.Request;
        var parsed = SearchQueryParser.Parse(type, FhirRequest.QueryPairs(request), FhirRequest.Prefers(request, "handling=lenient"), options.Value.DefaultPageSize, options.Value.MaxPageSize);
        var baseUrl = FhirRequest.BaseUrl(request);
        var outcome = parsed.Ignored.Count == 0 ? null : OperationOutcomes.From(parsed.Ignored.Select(name =>
            FhirIssue.Warning(OperationOutcome.IssueType.NotSupported, $"The search parameter '{name}' is not supported and was ignored.", name)));
        string PageUrl(SearchCursor? cursor) =>
            $"{baseUrl}/{type}{QueryString.Create(parsed.LinkParameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)).Concat(cursor is null ? [] : [new(SearchQueryParser.CursorParameter, cursor.Encode())]))}";

        if (parsed.Query.SummaryCount)
        {
            var total = await store.CountAsync(parsed.Query, context.RequestAborted);
            return new BundleResult("searchset", baseUrl, [], [new("self", PageUrl(null))], total, outcome);
        }
        var page = await store.SearchAsync(parsed.Query, context.RequestAborted);
        var links = new List<KeyValuePair<string, string>> { new("self", PageUrl(parsed.Query.Cursor)) };
        if (page.Next is { } next)
            links.Add(new("next", PageUrl(next)));
        if (page.Previous is { } previous)
            links.Add(new("previous", PageUrl(previous)));
        return new BundleResult("searchset", baseUrl, page.Matches.Select(m => m.Resource).ToList(), links, outcome: outcome);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, string type, FhirResourceService service, IOptions<FhirOptions> options)
    {
        CheckType(type);
        // Ignoring the condition would create the duplicate the client meant to avoid.
        if (context.Request.Headers.ContainsKey("If-None-Exist"))
            throw FhirOutcomeException.NotSupported("Conditional create (If-None-Exist) is not supported; use a conditional update.");
        var resource = await FhirRequest.ReadResourceAsync(context.Request, options.Value, context.RequestAborted);
        if (resource.TypeName != type)
            throw FhirOutcomeException.BadRequest($"The body is a {resource.TypeName}, but the URL names {type}.", "Resource.resourceType");
        var stored = await service.CreateAsync(resource, context.RequestAborted);
        return Written(context, stored, created: true);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string type, string id, FhirResourceService service, IOptions<FhirOptions> options)
    {
        CheckType(type);
        CheckId(id);
        int? ifMatch = null;
        if (context.Request.Headers[HeaderNames.IfMatch] is { Count: > 0 } header)
            ifMatch = ETags.TryParseVersion(header.ToString(), out var version) ? version : throw FhirOutcomeException.BadRequest("If-Match must be a version ETag such as W/\"3\".");
        var resource = await FhirRequest.ReadResourceAsync(context.Request, options.Value, context.RequestAborted);
        var outcome = await service.UpdateAsync(type, id, resource, ifMatch, context.RequestAborted);
        return Written(context, outcome.Resource, outcome.Created);
    }

    private static async Task<IResult> ConditionalUpdateAsync(HttpContext context, string type, FhirResourceService service, IOptions<FhirOptions> options)
    {
        CheckType(type);
        var condition = SearchQueryParser.Parse(type, FhirRequest.QueryPairs(context.Request), lenient: false, 2, 2).Query;
        var resource = await FhirRequest.ReadResourceAsync(context.Request, options.Value, context.RequestAborted);
        var outcome = await service.ConditionalUpdateAsync(resource, condition, context.RequestAborted);
        return Written(context, outcome.Resource, outcome.Created);
    }

    private static async Task<IResult> ReadAsync(HttpContext context, string type, string id, IFhirStore store)
    {
        CheckType(type);
        if (id == "_history")
            throw FhirOutcomeException.NotSupported("Type-level history is not supported; read the history of one resource.");
        CheckId(id);
        var stored = await store.ReadAsync(type, id, context.RequestAborted) ?? throw FhirOutcomeException.NotFound($"{type}/{id} is not known.");
        if (stored.Deleted)
            throw FhirOutcomeException.Gone($"{type}/{id} was deleted.");
        return new StoredResourceResult(stored);
    }

    private static async Task<IResult> VReadAsync(HttpContext context, string type, string id, string vid, IFhirStore store)
    {
        CheckType(type);
        CheckId(id);
        if (!int.TryParse(vid, NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
            throw FhirOutcomeException.NotFound($"{type}/{id} has no version '{vid}'.");
        var stored = await store.ReadVersionAsync(type, id, version, context.RequestAborted) ?? throw FhirOutcomeException.NotFound($"{type}/{id} has no version {version}.");
        if (stored.Deleted)
            throw FhirOutcomeException.Gone($"Version {version} of {type}/{id} is a deletion.");
        return new StoredResourceResult(stored);
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, string type, string id, FhirResourceService service)
    {
        CheckType(type);
        CheckId(id);
        var deleted = await service.DeleteAsync(type, id, context.RequestAborted);
        if (deleted is not null)
            context.Response.Headers.ETag = deleted.ETag;
        return Results.NoContent();
    }

    private static async Task<IResult> HistoryAsync(HttpContext context, string type, string id, IFhirStore store, IOptions<FhirOptions> options)
    {
        CheckType(type);
        CheckId(id);
        var versions = await store.HistoryAsync(type, id, options.Value.MaxHistory, context.RequestAborted);
        if (versions.Count == 0)
            throw FhirOutcomeException.NotFound($"{type}/{id} is not known.");
        var baseUrl = FhirRequest.BaseUrl(context.Request);
        return new BundleResult("history", baseUrl, versions, [new("self", $"{baseUrl}/{type}/{id}/_history")], versions.Count);
    }

    private static async Task<IResult> TransactionAsync(HttpContext context, TransactionProcessor transactions, IOptions<FhirOptions> options)
    {
        var resource = await FhirRequest.ReadResourceAsync(context.Request, options.Value, context.RequestAborted);
        if (resource is not Bundle bundle)
            throw FhirOutcomeException.BadRequest("Only a transaction Bundle can be posted to the base URL.", "Resource.resourceType");
        var response = await transactions.ProcessAsync(bundle, options.Value.MaxBundleEntries, context.RequestAborted);
        return new FhirResourceResult(response);
    }

    private static IResult Unsupported(HttpContext context, string? rest)
    {
        var first = rest?.Split('/', 2)[0];
        return first is not null && SearchParameters.IsResourceType(first)
            ? OperationOutcomes.Error(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"{context.Request.Method} is not supported on this path.")
            : OperationOutcomes.Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "No FHIR interaction at this path.");
    }

    private static IResult Written(HttpContext context, StoredResource stored, bool created)
    {
        var location = $"{FhirRequest.BaseUrl(context.Request)}/{stored.Reference}/_history/{stored.VersionId.ToString(CultureInfo.InvariantCulture)}";
        var minimal = FhirRequest.Prefers(context.Request, "return=minimal");
        return new StoredResourceResult(stored, created ? StatusCodes.Status201Created : StatusCodes.Status200OK, location, minimal);
    }

    /// <summary>Throws 404 for a name that is not an R4 resource type.</summary>
    internal static void CheckType(string type)
    {
        if (!SearchParameters.IsResourceType(type))
            throw new FhirOutcomeException(StatusCodes.Status404NotFound, [FhirIssue.Error(OperationOutcome.IssueType.NotSupported, $"'{type}' is not a FHIR R4 resource type.")]);
    }

    private static void CheckId(string id)
    {
        if (!FhirReference.IsValidId(id))
            throw FhirOutcomeException.BadRequest("A FHIR id has 1–64 letters, digits, '-' or '.'.");
    }
}
