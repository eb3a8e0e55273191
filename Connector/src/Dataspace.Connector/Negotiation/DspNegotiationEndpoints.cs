using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// The DSP 2025-1 contract negotiation endpoints of both sides. Provider: <c>/negotiations/request</c>,
/// <c>/{pid}/request</c>, <c>/{pid}/events</c> (ACCEPTED), <c>/{pid}/agreement/verification</c>. Consumer (this
/// connector's callback address is its DSP base): <c>/negotiations/offers</c>, <c>/{pid}/offers</c>,
/// <c>/{pid}/agreement</c>, <c>/{pid}/events</c> (FINALIZED). Both: <c>GET /{pid}</c> and <c>/{pid}/termination</c>.
/// The pid in the path is this side's; which side a message is for follows from the negotiation it names.
/// </summary>
public static class DspNegotiationEndpoints
{
    /// <summary>Maps the negotiation endpoints under the DSP base path.</summary>
    public static void MapDspNegotiation(this IEndpointRouteBuilder app)
    {
        var negotiations = app.MapGroup(DspPaths.Base + "/negotiations").ExcludeFromDescription();
        negotiations.MapGet("/{pid}", async (string pid, HttpContext context, NegotiationProtocol protocol) =>
            (await protocol.GetAsync(context.VerifiedCaller(), pid, context.RequestAborted)).ToResult());
        negotiations.MapPost("/request", (HttpContext context, NegotiationProtocol protocol, IOptions<ConnectorOptions> options) =>
            HandleAsync(context, options, "ContractRequestMessage", null, message => protocol.ReceiveRequestAsync(context.VerifiedCaller(), message, context.RequestAborted)));
        negotiations.MapPost("/offers", (HttpContext context, NegotiationProtocol protocol, IOptions<ConnectorOptions> options) =>
            HandleAsync(context, options, "ContractOfferMessage", null, message => protocol.ReceiveOfferAsync(context.VerifiedCaller(), message, context.RequestAborted)));
        Map(negotiations, "/{pid}/request", "ContractRequestMessage", _ => NegotiationMessageKind.ContractRequest);
        Map(negotiations, "/{pid}/offers", "ContractOfferMessage", _ => NegotiationMessageKind.ContractOffer);
        Map(negotiations, "/{pid}/agreement", "ContractAgreementMessage", _ => NegotiationMessageKind.Agreement);
        Map(negotiations, "/{pid}/agreement/verification", "ContractAgreementVerificationMessage", _ => NegotiationMessageKind.Verification);
        Map(negotiations, "/{pid}/termination", "ContractNegotiationTerminationMessage", _ => NegotiationMessageKind.Termination);
        Map(negotiations, "/{pid}/events", "ContractNegotiationEventMessage", message => NegotiationJson.Term(message, "eventType") switch
        {
            "ACCEPTED" => NegotiationMessageKind.Accepted,
            "FINALIZED" => NegotiationMessageKind.Finalized,
            _ => null,
        });
    }

    private static void Map(RouteGroupBuilder group, string pattern, string type, Func<JsonElement, NegotiationMessageKind?> kindOf) =>
        group.MapPost(pattern, (string pid, HttpContext context, NegotiationProtocol protocol, IOptions<ConnectorOptions> options) =>
            HandleAsync(context, options, type, pid, message => kindOf(message) is { } kind
                ? protocol.ReceiveAsync(context.VerifiedCaller(), pid, kind, message, context.RequestAborted)
                : Task.FromResult(DspAnswer.Error(StatusCodes.Status400BadRequest, pid, null, "eventType must be ACCEPTED or FINALIZED"))));

    private static async Task<IResult> HandleAsync(
        HttpContext context, IOptions<ConnectorOptions> options, string type, string? pid, Func<JsonElement, Task<DspAnswer>> receive)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return DspAnswer.Error(body.Status, pid, null, body.Error!).ToResult();
        var message = body.Document.RootElement;
        if (!NegotiationJson.HasType(message, type))
            return DspAnswer.Error(StatusCodes.Status400BadRequest, pid, null, $"expected a {type}").ToResult();
        return (await receive(message)).ToResult();
    }
}
