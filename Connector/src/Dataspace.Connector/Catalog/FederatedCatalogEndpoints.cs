using Dataspace.Catalog.Federation;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Management;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Catalog;

/// <summary>Management API of the consumer side: request one peer's catalog, crawl all, search the federated catalog.</summary>
public static class FederatedCatalogEndpoints
{
    /// <summary>Maps <c>/catalog/request</c>, <c>/federated-catalog</c> and its crawl and peer status.</summary>
    public static void MapFederatedCatalog(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ParticipantEndpoints.Base).AddEndpointFilter<ApiKeyFilter>().WithGroupName("management").WithTags("federated catalog");
        group.MapPost("/catalog/request", RequestPeerCatalogAsync)
            .Accepts<PeerCatalogRequest>("application/json")
            .WithSummary("Fetch a member's DSP catalog now (signed request); it is also stored and indexed.");
        group.MapGet("/federated-catalog", QueryAsync)
            .WithSummary("Search every member's datasets: q (free text, word prefixes), publisher, country, healthCategory, format, purpose, participant (repeatable), offset, limit.");
        group.MapPost("/federated-catalog/crawl", async (FederatedCatalog catalog, CancellationToken ct) => Results.Ok(await catalog.CrawlAsync(ct)))
            .WithSummary("Fetch every member's catalog now.");
        group.MapGet("/federated-catalog/peers", async (FederatedCatalog catalog, CancellationToken ct) =>
                Results.Ok((await catalog.PeersAsync(ct)).Select(p => new { p.ParticipantDid, p.FetchedAt, p.LastAttempt, p.LastError })))
            .WithSummary("When each member's catalog was last fetched, and the last error.");
    }

    private static async Task<IResult> RequestPeerCatalogAsync(HttpContext context, FederatedCatalog catalog, Membership membership, IOptions<ConnectorOptions> options)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return Problems.Body(body);
        var (request, error) = CatalogJson.Read<PeerCatalogRequest>(body.Document.RootElement);
        if (request is null)
            return Problems.BadRequest(error!);
        if (!membership.IsMember(request.CounterPartyDid))
            return Problems.NotFound("No member with that DID.");
        try
        {
            using var fetched = await catalog.FetchAsync(request.CounterPartyDid, context.RequestAborted);
            return Results.Json(fetched.RootElement.Clone(), contentType: "application/json");
        }
        catch (DspProtocolException e)
        {
            return Problems.BadGateway(e.Message);
        }
    }

    private static async Task<IResult> QueryAsync(HttpContext context, FederatedCatalog catalog)
    {
        var query = context.Request.Query;
        if (!TryInt(query, "offset", 0, out var offset) || !TryInt(query, "limit", 50, out var limit) || limit > 1000)
            return Problems.BadRequest("offset must be ≥ 0 and limit between 1 and 1000.");
        var index = await catalog.IndexAsync(context.RequestAborted);
        var result = index.Query(new CatalogQuery
        {
            Text = query["q"].ToString(),
            Publishers = query["publisher"].OfType<string>().ToList(),
            Countries = query["country"].OfType<string>().ToList(),
            HealthCategories = query["healthCategory"].OfType<string>().ToList(),
            Formats = query["format"].OfType<string>().ToList(),
            Purposes = query["purpose"].OfType<string>().ToList(),
            Participants = query["participant"].OfType<string>().ToList(),
            Offset = offset,
            Limit = limit,
        });
        return Results.Ok(new
        {
            result.Total,
            Hits = result.Hits.Select(h => new
            {
                h.ParticipantDid, h.DatasetId, h.Title, h.Description, h.Keywords, h.Publisher, h.Countries,
                h.HealthCategories, h.Formats, h.Purposes, h.OfferIds,
            }),
            result.Facets,
        });
    }

    private static bool TryInt(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var text))
            return true;
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out value) && (name != "limit" || value > 0);
    }
}

/// <summary>Whose catalog to fetch.</summary>
/// <param name="CounterPartyDid">The member's DID.</param>
public sealed record PeerCatalogRequest(string CounterPartyDid);
