using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Management;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// Management API for negotiations and agreements: start one as consumer (on a peer's offer) or as provider (offering
/// from the own catalog), take each step by hand, read state and history, list concluded agreements.
/// </summary>
public static class NegotiationManagementEndpoints
{
    private const int MaxPage = 1000;

    /// <summary>Maps <c>/negotiations</c> and <c>/agreements</c> under the management base.</summary>
    public static void MapNegotiationManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(ParticipantEndpoints.Base).AddEndpointFilter<ApiKeyFilter>().WithGroupName("management");
        var negotiations = group.MapGroup("/negotiations").WithTags("negotiations");
        negotiations.MapPost("", StartAsync).Accepts<StartNegotiationRequest>("application/json")
            .WithSummary("As consumer: negotiate a peer's offer (by offerId, datasetId or an offer body); the request is sent by the outbox.")
            .Produces<NegotiationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status502BadGateway);
        negotiations.MapPost("/offers", OfferAsync).Accepts<OfferNegotiationRequest>("application/json")
            .WithSummary("As provider: offer a catalog offer the consumer may see (provider-initiated negotiation).")
            .Produces<NegotiationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);
        negotiations.MapGet("", async (NegotiationStore store, int? offset, int? limit, CancellationToken ct) =>
                Results.Ok((await store.ListAsync(Math.Max(0, offset ?? 0), Page(limit), ct)).Select(NegotiationView.Of)))
            .WithSummary("Negotiations, newest first, one page (offset, limit).");
        negotiations.MapGet("/{id}", async (string id, NegotiationStore store, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } n ? Results.Ok(NegotiationView.Of(n)) : Problems.NotFound("No negotiation with that id."))
            .WithSummary("One negotiation: state, pids, offer, agreement and history (with full policy explanations).");
        negotiations.MapPost("/{id}/{step}", StepAsync).Accepts<NegotiationStepRequest>("application/json")
            .WithSummary("Takes a step: offer, agree, finalize (provider); accept, verify, request (consumer); terminate (either).")
            .Produces<NegotiationView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var agreements = group.MapGroup("/agreements").WithTags("agreements");
        agreements.MapGet("", async (NegotiationStore store, int? offset, int? limit, CancellationToken ct) =>
                Results.Ok(await store.ListAgreementsAsync(Math.Max(0, offset ?? 0), Page(limit), ct)))
            .WithSummary("Concluded agreements (negotiation FINALIZED), newest first.");
        agreements.MapGet("/{id}", async (string id, NegotiationStore store, CancellationToken ct) =>
                await store.FindAgreementAsync(id, ct) is { } a ? Results.Ok(a) : Problems.NotFound("No agreement with that id."))
            .WithSummary("One agreement with its full ODRL rules.");
    }

    private static int Page(int? limit) => Math.Clamp(limit ?? 100, 1, MaxPage);

    private static async Task<IResult> StartAsync(
        HttpContext context, NegotiationActions actions, Membership membership, DspClient dsp, IOptions<ConnectorOptions> options)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return Problems.Body(body);
        var request = body.Document.RootElement;
        var did = NegotiationJson.String(request, "counterPartyDid");
        if (did is null)
            return Problems.BadRequest("'counterPartyDid' is required.");
        if (!membership.IsMember(did))
            return Problems.NotFound("No member with that DID.");
        var offerId = NegotiationJson.String(request, "offerId");
        var datasetId = NegotiationJson.String(request, "datasetId");
        var offer = NegotiationJson.Object(request, "offer");
        if (offer is not null)
        {
            if (offer["@id"]?.GetValueKind() != JsonValueKind.String)
                return Problems.BadRequest("'offer' needs an @id.");
            offer["target"] ??= datasetId;
            if (offer["target"]?.GetValueKind() != JsonValueKind.String)
                return Problems.BadRequest("'offer' needs a target, or give 'datasetId'.");
        }
        else
        {
            if (datasetId is null && offerId is not null && OfferId.TryParse(offerId, out _, out var assetId))
                datasetId = assetId;
            if (datasetId is null)
                return Problems.BadRequest("Give 'offerId', 'datasetId' or an 'offer'.");
            var (found, problem) = await PeerOfferAsync(dsp, did, datasetId, offerId, context.RequestAborted);
            if (found is null)
                return problem!;
            offer = found;
        }
        var negotiation = await actions.RequestAsync(did, offer, context.RequestAborted);
        return Results.Created($"{ParticipantEndpoints.Base}/negotiations/{Uri.EscapeDataString(negotiation.Id)}", NegotiationView.Of(negotiation));
    }

    /// <summary>The offer as the provider's catalog shows it to this connector, with the dataset as target.</summary>
    private static async Task<(JsonObject? Offer, IResult? Problem)> PeerOfferAsync(DspClient dsp, string did, string datasetId, string? offerId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await dsp.SendAsync(did, HttpMethod.Get, "catalog/datasets/" + Uri.EscapeDataString(datasetId), null, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                return (null, Problems.NotFound("The provider shows no such dataset."));
            if (!response.IsSuccessStatusCode)
                return (null, Problems.BadGateway($"The provider answered {(int)response.StatusCode} for the dataset."));
            var dataset = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonObject;
            var offers = (dataset?["hasPolicy"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var offer = offerId is null
                ? (offers.Count == 1 ? offers[0] : null)
                : offers.FirstOrDefault(o => o["@id"]?.GetValueKind() == JsonValueKind.String && o["@id"]!.GetValue<string>() == offerId);
            if (offer is null)
                return (null, Problems.NotFound(offerId is null ? "The dataset has several offers; name one with 'offerId'." : "The dataset has no offer with that id."));
            var withTarget = (JsonObject)offer.DeepClone();
            withTarget["target"] = datasetId;
            return (withTarget, null);
        }
        catch (Exception e) when (e is DidResolutionException or DspProtocolException or HttpRequestException or JsonException or TaskCanceledException)
        {
            return (null, Problems.BadGateway(e.Message));
        }
    }

    private static async Task<IResult> OfferAsync(HttpContext context, NegotiationActions actions, ContractOffers offers, Membership membership, IOptions<ConnectorOptions> options)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return Problems.Body(body);
        var did = NegotiationJson.String(body.Document.RootElement, "counterPartyDid");
        var offerId = NegotiationJson.String(body.Document.RootElement, "offerId");
        if (did is null || offerId is null)
            return Problems.BadRequest("'counterPartyDid' and 'offerId' are required.");
        if (!membership.IsMember(did))
            return Problems.NotFound("No member with that DID.");
        var found = await offers.FindAsync(did, offerId, context.RequestAborted);
        if (found.Problem is not null)
            return Problems.NotFound("That consumer is shown no offer with that id.");
        var negotiation = await actions.OfferAsync(did, found, context.RequestAborted);
        return Results.Created($"{ParticipantEndpoints.Base}/negotiations/{Uri.EscapeDataString(negotiation.Id)}", NegotiationView.Of(negotiation));
    }

    private static async Task<IResult> StepAsync(string id, string step, HttpContext context, NegotiationActions actions, IOptions<ConnectorOptions> options)
    {
        if (!Enum.TryParse<NegotiationAction>(step, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(step, out _))
            return Problems.NotFound("Steps are offer, agree, finalize, accept, verify, request and terminate.");
        JsonObject? offer = null;
        string? reason = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
            if (body.Document is null)
                return Problems.Body(body);
            offer = NegotiationJson.Object(body.Document.RootElement, "offer");
            reason = NegotiationJson.String(body.Document.RootElement, "reason");
        }
        var outcome = await actions.ActAsync(id, action, offer, reason, context.RequestAborted);
        if (outcome.Negotiation is not null)
            return Results.Ok(NegotiationView.Of(outcome.Negotiation));
        return outcome.Status switch
        {
            StatusCodes.Status404NotFound => Problems.NotFound(outcome.Problem!),
            StatusCodes.Status400BadRequest => Problems.BadRequest(outcome.Problem!),
            _ => Results.Problem(detail: outcome.Problem, statusCode: StatusCodes.Status409Conflict, title: "Step not possible",
                type: "urn:dataspace:problem:negotiation-step", extensions: outcome.Detail is null ? null : new Dictionary<string, object?> { ["explanation"] = outcome.Detail }),
        };
    }
}

/// <summary>Start a negotiation as consumer: the provider's DID and which offer (by id, by dataset, or the offer itself).</summary>
public sealed record StartNegotiationRequest(string CounterPartyDid, string? OfferId, string? DatasetId, JsonObject? Offer);

/// <summary>Offer a catalog offer to a consumer.</summary>
public sealed record OfferNegotiationRequest(string CounterPartyDid, string OfferId);

/// <summary>Optional body of a step: a replacement offer (offer, request) or a reason (terminate).</summary>
public sealed record NegotiationStepRequest(JsonObject? Offer, string? Reason);
