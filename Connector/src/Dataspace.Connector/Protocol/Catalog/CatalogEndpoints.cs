using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Protocol.Catalog;

/// <summary>The provider side of the DSP catalog protocol: <c>POST /catalog/request</c> and <c>GET /catalog/datasets/{id}</c>.</summary>
public static class CatalogEndpoints
{
    private const string DspNamespace = "https://w3id.org/dspace/2025/1/";

    /// <summary>Maps the catalog endpoints under the DSP base path.</summary>
    public static void MapDspCatalog(this IEndpointRouteBuilder app)
    {
        var catalog = app.MapGroup(DspPaths.Base + "/catalog").ExcludeFromDescription();
        catalog.MapPost("/request", RequestCatalogAsync);
        catalog.MapGet("/datasets/{id}", (string id) => DspError.Catalog(StatusCodes.Status404NotFound, "dataset not found"));
    }

    private static async Task<IResult> RequestCatalogAsync(HttpContext context, ParticipantIdentity identity, IOptions<ConnectorOptions> options)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return DspError.Catalog(body.Status, body.Error!);
        var message = body.Document.RootElement;
        if (!HasType(message, "CatalogRequestMessage"))
            return DspError.Catalog(StatusCodes.Status400BadRequest, "expected a CatalogRequestMessage");
        // DSP: a filter the provider does not understand is a 400, never silently ignored.
        if (message.TryGetProperty("filter", out var filter) && filter.ValueKind == JsonValueKind.Array && filter.GetArrayLength() > 0)
            return DspError.Catalog(StatusCodes.Status400BadRequest, "filter not supported");
        return Results.Json(BuildCatalog(identity), contentType: "application/json");
    }

    /// <summary>This participant's root catalog. Until assets are published it has no datasets (and, per the DSP schema, no empty <c>dataset</c> array).</summary>
    public static JsonObject BuildCatalog(ParticipantIdentity identity) => new()
    {
        ["@context"] = new JsonArray(DspPaths.Context),
        ["@id"] = identity.Did + "#catalog",
        ["@type"] = "Catalog",
        ["participantId"] = identity.Did,
        ["service"] = new JsonArray(new JsonObject
        {
            ["@id"] = identity.Did + "#dsp",
            ["@type"] = "DataService",
            ["endpointURL"] = identity.DspBaseUrl.ToString(),
        }),
    };

    private static bool HasType(JsonElement message, string type) =>
        message.TryGetProperty("@type", out var value) && value.ValueKind == JsonValueKind.String
        && (value.GetString() == type || value.GetString() == DspNamespace + type || value.GetString() == "dspace:" + type);
}
