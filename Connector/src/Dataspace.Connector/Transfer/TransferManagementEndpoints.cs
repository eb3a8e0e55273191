using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Negotiation;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Management API for transfers: start one as consumer from a concluded agreement, read state and history, and take
/// the steps of either side by hand (start, suspend, complete, terminate).
/// </summary>
public static class TransferManagementEndpoints
{
    private const int MaxPage = 1000;

    /// <summary>Maps <c>/transfers</c> under the management base.</summary>
    public static void MapTransferManagement(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup(ParticipantEndpoints.Base + "/transfers").AddEndpointFilter<ApiKeyFilter>().WithGroupName("management").WithTags("transfers");
        transfers.MapPost("", StartAsync).Accepts<StartTransferRequest>("application/json")
            .WithSummary("As consumer: request a transfer under a concluded agreement (format FHIR-PULL); the request is sent by the outbox.")
            .Produces<TransferView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        transfers.MapGet("", async (TransferStore store, int? offset, int? limit, CancellationToken ct) =>
                Results.Ok((await store.ListAsync(Math.Max(0, offset ?? 0), Math.Clamp(limit ?? 100, 1, MaxPage), ct)).Select(TransferView.Of)))
            .WithSummary("Transfers, newest first, one page (offset, limit).");
        transfers.MapGet("/{id}", async (string id, TransferStore store, CancellationToken ct) =>
                await store.FindAsync(id, ct) is { } t ? Results.Ok(TransferView.Of(t)) : Problems.NotFound("No transfer with that id."))
            .WithSummary("One transfer: state, pids, agreement, EDR (without its token) and history.");
        transfers.MapPost("/{id}/{step}", StepAsync).Accepts<TransferStepRequest>("application/json")
            .WithSummary("Takes a step: start (provider; or resume after suspension, either side), suspend, complete, terminate.")
            .Produces<TransferView>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        transfers.MapGet("/{id}/data", EdrFetch.FetchAsync)
            .WithSummary("As consumer: fetch through the transfer's EDR (resourceType, patient, code …); the provider's NDJSON is streamed through.")
            .Produces(StatusCodes.Status200OK, contentType: "application/fhir+ndjson").ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> StartAsync(HttpContext context, TransferActions actions, NegotiationStore agreements, IOptions<ConnectorOptions> options)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return Problems.Body(body);
        var agreementId = NegotiationJson.String(body.Document.RootElement, "agreementId");
        var format = NegotiationJson.String(body.Document.RootElement, "format") ?? TransferFormats.FhirPull;
        if (agreementId is null)
            return Problems.BadRequest("'agreementId' is required.");
        if (!TransferFormats.IsSupported(format))
            return Problems.BadRequest($"'format' must be {TransferFormats.FhirPull}.");
        var agreement = await agreements.FindAgreementAsync(agreementId, context.RequestAborted);
        if (agreement is null || agreement.Role != NegotiationRole.Consumer)
            return Problems.NotFound("No agreement with that id under which this connector consumes.");
        var transfer = await actions.RequestAsync(agreement, format, context.RequestAborted);
        return Results.Created($"{ParticipantEndpoints.Base}/transfers/{Uri.EscapeDataString(transfer.Id)}", TransferView.Of(transfer));
    }

    private static async Task<IResult> StepAsync(string id, string step, HttpContext context, TransferActions actions, IOptions<ConnectorOptions> options)
    {
        if (!Enum.TryParse<TransferAction>(step, ignoreCase: true, out var action) || !Enum.IsDefined(action) || int.TryParse(step, out _))
            return Problems.NotFound("Steps are start, suspend, complete and terminate.");
        string? reason = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
            if (body.Document is null)
                return Problems.Body(body);
            reason = NegotiationJson.String(body.Document.RootElement, "reason");
        }
        var outcome = await actions.ActAsync(id, action, reason, context.RequestAborted);
        if (outcome.Transfer is not null)
            return Results.Ok(TransferView.Of(outcome.Transfer));
        return outcome.Status == StatusCodes.Status404NotFound ? Problems.NotFound(outcome.Problem!) : Problems.Conflict(outcome.Problem!);
    }
}

/// <summary>Request a transfer as consumer: the agreement and the transfer type.</summary>
public sealed record StartTransferRequest(string AgreementId, string? Format);

/// <summary>Optional body of a step: a reason (suspend, complete, terminate).</summary>
public sealed record TransferStepRequest(string? Reason);
