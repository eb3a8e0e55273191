using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.JsonLd;
using Dataspace.JsonLd.Rdf;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Catalog;

/// <summary>
/// The provider side of the DSP catalog protocol: <c>POST /catalog/request</c> (filter, <c>Link</c>-header paging) and
/// <c>GET /catalog/datasets/{id}</c>. JSON by default; N-Quads or Turtle when the requester's <c>Accept</c> asks for them.
/// </summary>
public static class DspCatalogEndpoints
{
    private const string DspNamespace = "https://w3id.org/dspace/2025/1/";
    private const string NQuads = "application/n-quads";

    /// <summary>Maps the catalog endpoints under the DSP base path.</summary>
    public static void MapDspCatalog(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup(DspPaths.Base + "/catalog").ExcludeFromDescription();
        catalog.MapPost("/request", RequestCatalogAsync);
        catalog.MapGet("/datasets/{id}", GetDatasetAsync);
    }

    private static async Task<IResult> RequestCatalogAsync(HttpContext context, ProviderCatalog provider, IOptions<ConnectorOptions> options)
    {
        var settings = options.Value;
        using var body = await RequestJson.ReadObjectAsync(context.Request, settings.Limits, context.RequestAborted);
        if (body.Document is null)
            return DspError.Catalog(body.Status, body.Error!);
        var message = body.Document.RootElement;
        if (!HasType(message, "CatalogRequestMessage"))
            return DspError.Catalog(StatusCodes.Status400BadRequest, "expected a CatalogRequestMessage");
        var (filter, filterError) = ReadFilter(message);
        if (filterError is not null)
            return DspError.Catalog(StatusCodes.Status400BadRequest, filterError);
        var (offset, limit, pageError) = ReadPage(context.Request.Query, settings.Catalog);
        if (pageError is not null)
            return DspError.Catalog(StatusCodes.Status400BadRequest, pageError);

        var visible = await provider.VisibleAsync(context.VerifiedCaller(), filter, context.RequestAborted);
        AddPageLinks(context, offset, limit, visible.Count);
        var page = visible.Skip(offset).Take(limit);
        if (WantsRdf(context))
            return Respond(context, provider.CatalogJson(page));
        return Results.Stream(stream => provider.WriteCatalogAsync(stream, page, context.RequestAborted), "application/json");
    }

    private static async Task<IResult> GetDatasetAsync(string id, HttpContext context, ProviderCatalog provider)
    {
        var visible = await provider.VisibleAsync(context.VerifiedCaller(), [new AssetCriterion("id", "=", [id])], context.RequestAborted);
        // An invisible dataset and a missing one look the same, so a requester learns nothing about what it may not see.
        return visible.Count == 0
            ? DspError.Catalog(StatusCodes.Status404NotFound, "dataset not found")
            : Respond(context, provider.DatasetJson(visible[0]));
    }

    private static bool WantsRdf(HttpContext context)
    {
        var accept = context.Request.Headers.Accept.ToString();
        return accept.Contains(NQuads, StringComparison.OrdinalIgnoreCase) || accept.Contains(TurtleWriter.TurtleMediaType, StringComparison.OrdinalIgnoreCase);
    }

    private static IResult Respond(HttpContext context, JsonObject document)
    {
        if (!WantsRdf(context))
            return Results.Json(document, contentType: "application/json");
        var nquads = context.Request.Headers.Accept.ToString().Contains(NQuads, StringComparison.OrdinalIgnoreCase);
        // The document URL is the JSON-LD base, so relative dataset ids become the IRIs a reader of the JSON would see.
        var documentUrl = context.Request.Scheme + "://" + context.Request.Host + context.Request.PathBase + context.Request.Path;
        var dataset = JsonLdProcessor.ToRdfDataset(document, new JsonLdOptions { Base = documentUrl });
        return nquads ? Results.Text(dataset.ToNQuads(), NQuads) : Results.Text(dataset.ToTurtle(), TurtleWriter.TurtleMediaType);
    }

    /// <summary>Reads DSP <c>filter</c> entries as asset criteria: <c>{operandLeft, operator, operandRight}</c>.</summary>
    private static (IReadOnlyList<AssetCriterion> Filter, string? Error) ReadFilter(JsonElement message)
    {
        if (!message.TryGetProperty("filter", out var filter))
            return ([], null);
        if (filter.ValueKind != JsonValueKind.Array)
            return ([], "filter must be an array");
        var criteria = new List<AssetCriterion>();
        foreach (var item in filter.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("operandLeft", out var left) || left.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("operator", out var op) || op.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("operandRight", out var right))
                return ([], "each filter entry needs operandLeft, operator and operandRight");
            var values = right.ValueKind switch
            {
                JsonValueKind.String => [right.GetString()!],
                JsonValueKind.Array when right.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => right.EnumerateArray().Select(v => v.GetString()!).ToList(),
                _ => (List<string>?)null,
            };
            if (values is null)
                return ([], "operandRight must be a string or an array of strings");
            var criterion = new AssetCriterion(left.GetString()!, op.GetString()!, values);
            if (criterion.Problem() is { } problem)
                return ([], "unsupported filter: " + problem);
            criteria.Add(criterion);
        }
        return (criteria, null);
    }

    private static (int Offset, int Limit, string? Error) ReadPage(IQueryCollection query, CatalogOptions options)
    {
        var offset = 0;
        var limit = options.PageSize;
        if (query.TryGetValue("offset", out var o) && (!int.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out offset)))
            return (0, 0, "offset must be a non-negative integer");
        if (query.TryGetValue("limit", out var l) && (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit == 0))
            return (0, 0, "limit must be a positive integer");
        if (limit > options.MaxPageSize)
            return (0, 0, $"limit exceeds the largest page, {options.MaxPageSize}");
        return (offset, limit, null);
    }

    /// <summary>DSP paging: <c>Link</c> headers naming the next and previous pages of the same request.</summary>
    private static void AddPageLinks(HttpContext context, int offset, int limit, int total)
    {
        var self = context.Request.Scheme + "://" + context.Request.Host + context.Request.PathBase + context.Request.Path;
        var links = new List<string>();
        if (offset + limit < total)
            links.Add($"<{self}?offset={offset + limit}&limit={limit}>; rel=\"next\"");
        if (offset > 0)
            links.Add($"<{self}?offset={Math.Max(0, offset - limit)}&limit={limit}>; rel=\"previous\"");
        if (links.Count > 0)
            context.Response.Headers.Link = string.Join(", ", links);
    }

    private static bool HasType(JsonElement message, string type) =>
        message.TryGetProperty("@type", out var value) && value.ValueKind == JsonValueKind.String
        && (value.GetString() == type || value.GetString() == DspNamespace + type || value.GetString() == "dspace:" + type);
}
