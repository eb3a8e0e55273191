using System.Security.Cryptography;
using System.Text;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Consumer: <c>POST /api/dataplane/v1/push/{consumerPid}</c> receives a provider's push (<c>application/fhir+ndjson</c>,
/// <c>Authorization: Bearer</c> the token this side minted for the transfer). Unknown transfer → 404, wrong token → 401,
/// transfer not STARTED → 409, all before a byte of the body is read; then <see cref="PushInbox"/> stores it (200) or
/// refuses it (413, 400) keeping nothing. Errors are <c>{error, message}</c> as on the pull data plane.
/// </summary>
public static class PushReceiver
{
    /// <summary>Maps the receiver below <see cref="ParticipantIdentity.PushReceiverPath"/>.</summary>
    public static void MapPushReceiver(this IEndpointRouteBuilder app) =>
        app.MapPost(ParticipantIdentity.PushReceiverPath + "/{pid}", ReceiveAsync).ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(string pid, HttpContext context, TransferStore transfers, PushInbox inbox)
    {
        var transfer = await transfers.FindAsync(pid, context.RequestAborted);
        if (transfer is null || transfer.Role != NegotiationRole.Consumer || !TransferFormats.IsPush(transfer.Format) || transfer.Push is null)
            return Error(StatusCodes.Status404NotFound, "not_found", "No push transfer with that id.");
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || transfer.Push.TokenHash is not { } expected
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(EdrToken.Hash(header["Bearer ".Length..].Trim())), Encoding.ASCII.GetBytes(expected)))
            return Error(StatusCodes.Status401Unauthorized, "invalid_token", "The token is not the one this connector gave for the transfer, or no longer valid.");
        if (transfer.State != TransferState.Started)
            return Error(StatusCodes.Status409Conflict, "transfer_not_started", "The transfer is not STARTED.");
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) || !type.MediaType.Equals(PushContent.MediaType, StringComparison.OrdinalIgnoreCase))
            return Error(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", $"Send {PushContent.MediaType}.");

        // Only a caller holding the transfer's token gets past the general body limit; Transfer:Push:MaxBytes caps it instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
        var receipt = await inbox.StoreAsync(transfer, context.Request.Body, context.RequestAborted);
        return receipt.IsStored
            ? Results.Json(new { resourceType = transfer.Push.Selection.ResourceType, resources = receipt.Resources, bytes = receipt.Bytes })
            : Error(receipt.Status, receipt.Error!, receipt.Message!);
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { error, message }, statusCode: status);
}
