using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Negotiation;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Management API for transfers: start one as consumer from a concluded agreement, read state and history, take
/// the steps of either side by hand (start, suspend, complete, terminate), and read what arrived: through the EDR for a
/// pull, from the push receiver's store for a push.
/// </summary>
public static class TransferManagementEndpoints
{
    private const int MaxPage = 1000;

    /// <summary>Maps <c>/transfers</c> under the management base.</summary>
    public static void MapTransferManagement(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup(ParticipantEndpoints.Base + "/transfers").AddEndpointFilter<ApiKeyFilter>().WithGroupName("management").WithTags("transfers");
        transfers.MapPost("", StartAsync).Accepts<StartTransferRequest>("application/json")
            .WithSummary("As consumer: request a transfer under a concluded agreement: format FHIR-PULL, or FHIR-PUSH with resourceType, patients and an optional FHIR search query; the request is sent by the outbox.")
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
        transfers.MapGet("/{id}/received", ReceivedAsync)
            .WithSummary("As consumer of a FHIR-PUSH: the NDJSON the provider pushed (the latest delivery).")
            .Produces(StatusCodes.Status200OK, contentType: PushContent.MediaType).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
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
            return Problems.BadRequest($"'format' must be {TransferFormats.FhirPull} or {TransferFormats.FhirPush}.");
        PushSelection? push = null;
        if (TransferFormats.IsPush(format))
        {
            var root = body.Document.RootElement;
            if (root.TryGetProperty("patients", out var list) && (list.ValueKind != JsonValueKind.Array || list.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String)))
                return Problems.BadRequest("'patients' must be an array of patient ids.");
            var patients = list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(p => p.GetString()).ToList() : [];
            push = PushSelection.Create(NegotiationJson.String(root, "resourceType"), patients, NegotiationJson.String(root, "query"), out var problem);
            if (push is null)
                return Problems.BadRequest($"A {TransferFormats.FhirPush} request: {problem}.");
        }
        var agreement = await agreements.FindAgreementAsync(agreementId, context.RequestAborted);
        if (agreement is null || agreement.Role != NegotiationRole.Consumer)
            return Problems.NotFound("No agreement with that id under which this connector consumes.");
        var transfer = await actions.RequestAsync(agreement, format, push, context.RequestAborted);
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

    private static async Task<IResult> ReceivedAsync(string id, HttpContext context, TransferStore store, PushInbox inbox, CancellationToken cancellationToken)
    {
        // Pushed data is PHI: as for /fhir, operators only.
        if (context.Items[nameof(ManagementRoles)] as string != ManagementRoles.Operator)
            return Problems.Forbidden("Received data is patient data: operators only.");
        var transfer = await store.FindAsync(id, cancellationToken);
        if (transfer is null || transfer.Role != NegotiationRole.Consumer || transfer.Push is null)
            return Problems.NotFound("No FHIR-PUSH transfer with that id under which this connector consumes.");
        // Opened before answering, so a delivery replacing the file meanwhile cannot cut this one short.
        var file = inbox.Find(transfer)?.OpenRead();
        return file is null
            ? Problems.Conflict($"Nothing has been pushed for this transfer yet (it is {transfer.State.ToWire()}).")
            : Results.Stream(file, PushContent.MediaType);
    }
}

/// <summary>
/// Request a transfer as consumer: the agreement and the transfer type; a FHIR-PUSH also names the resource type, the
/// patients (ids or <c>Patient/id</c>) and optional FHIR search parameters as a query string.
/// </summary>
public sealed record StartTransferRequest(string AgreementId, string? Format, string? ResourceType = null, IReadOnlyList<string>? Patients = null, string? Query = null);

/// <summary>Optional body of a step: a reason (suspend, complete, terminate).</summary>
public sealed record TransferStepRequest(string? Reason);
