using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The DSP 2025-1 transfer process endpoints of both sides. Provider: <c>POST /transfers/request</c> (201). Both (this
/// connector's callback address is its DSP base, so the consumer's callback paths are the same):
/// <c>GET /transfers/{pid}</c> and <c>POST /transfers/{pid}/start|completion|termination|suspension</c>. The pid in the
/// path is this side's; which side a message is for follows from the transfer it names.
/// </summary>
public static class DspTransferEndpoints
{
    /// <summary>Maps the transfer endpoints under the DSP base path.</summary>
    public static void MapDspTransfer(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup(DspPaths.Base + "/transfers").ExcludeFromDescription();
        transfers.MapGet("/{pid}", async (string pid, HttpContext context, TransferProtocol protocol) =>
            (await protocol.GetAsync(context.VerifiedCaller(), pid, context.RequestAborted)).ToResult());
        transfers.MapPost("/request", (HttpContext context, TransferProtocol protocol, IOptions<ConnectorOptions> options) =>
            HandleAsync(context, options, "TransferRequestMessage", null, message => protocol.ReceiveRequestAsync(context.VerifiedCaller(), message, context.RequestAborted)));
        Map(transfers, "start", "TransferStartMessage", TransferMessageKind.Start);
        Map(transfers, "completion", "TransferCompletionMessage", TransferMessageKind.Completion);
        Map(transfers, "termination", "TransferTerminationMessage", TransferMessageKind.Termination);
        Map(transfers, "suspension", "TransferSuspensionMessage", TransferMessageKind.Suspension);
    }

    private static void Map(RouteGroupBuilder group, string verb, string type, TransferMessageKind kind) =>
        group.MapPost("/{pid}/" + verb, (string pid, HttpContext context, TransferProtocol protocol, IOptions<ConnectorOptions> options) =>
            HandleAsync(context, options, type, pid, message => protocol.ReceiveAsync(context.VerifiedCaller(), pid, kind, message, context.RequestAborted)));

    private static async Task<IResult> HandleAsync(
        HttpContext context, IOptions<ConnectorOptions> options, string type, string? pid, Func<JsonElement, Task<TransferAnswer>> receive)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return TransferAnswer.Error(body.Status, pid, null, body.Error!).ToResult();
        var message = body.Document.RootElement;
        if (!NegotiationJson.HasType(message, type))
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, pid, null, $"expected a {type}").ToResult();
        return (await receive(message)).ToResult();
    }
}
