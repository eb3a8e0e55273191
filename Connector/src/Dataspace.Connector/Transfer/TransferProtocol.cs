using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Protocol.Outbox;
using Microsoft.Extensions.Options;
using static Dataspace.Connector.Negotiation.NegotiationJson;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Receives DSP transfer process messages from an authenticated counterparty. A message is checked completely before
/// anything is written; an illegal one is answered with a <c>TransferError</c> and changes nothing; a redelivered one
/// gets the answer it got the first time. Transfers of other counterparties do not exist for the caller.
/// </summary>
public sealed class TransferProtocol(
    TransferStore store, NegotiationStore agreements, CatalogStores catalog, TransferActions actions, DspClient dsp, IOptions<ConnectorOptions> options,
    TimeProvider time)
{
    private const int Attempts = 5;

    /// <summary>GET on a transfer: its state, for its counterparty only.</summary>
    public async Task<TransferAnswer> GetAsync(VerifiedCaller caller, string pid, CancellationToken cancellationToken)
    {
        var transfer = await store.FindAsync(pid, cancellationToken);
        return transfer is null || transfer.CounterPartyDid != caller.Did
            ? NotFound(pid)
            : new TransferAnswer(StatusCodes.Status200OK, Ack(transfer, transfer.State));
    }

    /// <summary>A <c>TransferRequestMessage</c>: the consumer asks for data under one of its finalized agreements with this provider.</summary>
    public async Task<TransferAnswer> ReceiveRequestAsync(VerifiedCaller caller, JsonElement message, CancellationToken cancellationToken)
    {
        var consumerPid = String(message, "consumerPid");
        var agreementId = String(message, "agreementId");
        var format = String(message, "format");
        var callback = String(message, "callbackAddress");
        if (consumerPid is null || agreementId is null || format is null || callback is null)
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "a TransferRequestMessage needs consumerPid, agreementId, format and callbackAddress");
        var digest = Digest(message);
        if (await store.FindByCounterPidAsync(NegotiationRole.Provider, caller.Did, consumerPid, cancellationToken) is { } existing)
            return existing.Received.Any(r => r.Digest == digest)
                ? await RepeatedRequestAsync(existing, cancellationToken)
                : TransferAnswer.Error(StatusCodes.Status400BadRequest, existing.ProviderPid, existing.ConsumerPid, "a transfer with that consumerPid exists already");
        if (!TransferFormats.IsSupported(format))
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, $"format {format} is not offered; use {TransferFormats.FhirPull} or {TransferFormats.FhirPush}");
        var agreement = await agreements.FindAgreementAsync(agreementId, cancellationToken);
        if (agreement is null || agreement.Role != NegotiationRole.Provider || agreement.CounterPartyDid != caller.Did)
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "no finalized agreement with that id exists between this provider and the consumer");
        if (!await dsp.IsOwnDspBaseAsync(caller.Did, callback, cancellationToken))
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "callbackAddress is not the DSP endpoint the consumer's DID document names");
        // The dataset's description says how it may be transferred; the agreement does not widen that.
        var asset = await catalog.Assets.GetAsync(agreement.AssetId, cancellationToken);
        if (asset is null)
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "the agreement's dataset is no longer offered by this provider");
        if (!asset.Description.TransferTypes.Contains(format, StringComparer.Ordinal))
            return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid,
                $"the dataset is offered as {string.Join(" or ", asset.Description.TransferTypes)}, not {format}");
        PushTarget? push = null;
        if (TransferFormats.IsPush(format))
        {
            push = PushAddress.Read(Object(message, "dataAddress"), out var problem);
            if (push is null)
                return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, problem!);
            if (AssetScope.Parse(asset.DataAddress, out _).FiltersFor(push.Selection.ResourceType) is null)
                return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, $"the dataset does not include {push.Selection.ResourceType} resources");
            // Data goes only where the consumer's DID document says it receives, never to a URL the message merely claims.
            if (!await dsp.IsPublishedEndpointAsync(caller.Did, ParticipantIdentity.PushServiceType, push.Endpoint, cancellationToken))
                return TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid,
                    $"dataAddress.endpoint is not at or below a {ParticipantIdentity.PushServiceType} endpoint the consumer's DID document publishes");
        }

        var now = time.GetUtcNow();
        var id = NegotiationProtocol.NewPid();
        var transfer = new TransferProcess
        {
            Id = id, Role = NegotiationRole.Provider, CounterPartyDid = caller.Did, ProviderPid = id, ConsumerPid = consumerPid,
            AgreementId = agreementId, AssetId = agreement.AssetId, Format = format, CreatedAt = now, Push = push,
        };
        transfer.Transition(TransferState.Requested, TransferMessages.NameOf(TransferMessageKind.Request), "received", now);
        transfer.Received.Add(new TransferReceipt(digest, StatusCodes.Status201Created, TransferState.Requested, transfer.History.Count));
        IReadOnlyList<OutboxEntry> steps = options.Value.Transfer.AutoStart ? [OutboxEntry.Step(id, TransferStore.Topic, TransferActions.AutoStartStep)] : [];
        if (await store.InsertAsync(transfer, steps, cancellationToken))
            return new TransferAnswer(StatusCodes.Status201Created, Ack(transfer, TransferState.Requested));
        // The same request raced itself in: the one that won answers for both.
        return await store.FindByCounterPidAsync(NegotiationRole.Provider, caller.Did, consumerPid, cancellationToken) is { } winner
            ? new TransferAnswer(StatusCodes.Status201Created, Ack(winner, winner.State))
            : TransferAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "that pid is already in use");
    }

    /// <summary>Any later message, addressed to this side's pid <paramref name="pid"/>.</summary>
    public async Task<TransferAnswer> ReceiveAsync(VerifiedCaller caller, string pid, TransferMessageKind kind, JsonElement message, CancellationToken cancellationToken)
    {
        var providerPid = String(message, "providerPid");
        var consumerPid = String(message, "consumerPid");
        var digest = Digest(message);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var transfer = await store.FindAsync(pid, cancellationToken);
            if (transfer is null || transfer.CounterPartyDid != caller.Did)
                return NotFound(pid);
            if (providerPid is null || consumerPid is null)
                return Refuse(transfer, "the message needs providerPid and consumerPid");
            var (own, counter) = transfer.Role == NegotiationRole.Provider ? (providerPid, consumerPid) : (consumerPid, providerPid);
            if (own != transfer.Id || (transfer.CounterPid is { } known && counter != known))
                return Refuse(transfer, "providerPid and consumerPid do not name this transfer");
            if (transfer.Received.LastOrDefault() is { } latest && latest.Digest == digest && latest.Position == transfer.History.Count)
                return new TransferAnswer(latest.Status, Ack(transfer, latest.State));

            var sender = transfer.Role == NegotiationRole.Provider ? NegotiationRole.Consumer : NegotiationRole.Provider;
            var next = TransferStateMachine.Next(transfer.State, kind, sender);
            if (next is null)
                return Refuse(transfer, $"{TransferMessages.NameOf(kind)} is not allowed in state {transfer.State.ToWire()}");
            JsonObject? address = null;
            if (kind == TransferMessageKind.Start && transfer.Role == NegotiationRole.Consumer)
            {
                // A push needs no address from the provider: the data comes to the receiver this side named.
                address = TransferFormats.IsPush(transfer.Format) ? null : Object(message, "dataAddress");
                if (TransferFormats.IsPull(transfer.Format) && !DataAddress.IsPull(address))
                    return Refuse(transfer, "a pull transfer's TransferStartMessage needs a dataAddress with an HTTP endpoint and an authorization property");
            }

            var now = time.GetUtcNow();
            transfer.CounterPid ??= counter;
            transfer.Transition(next.Value, TransferMessages.NameOf(kind), "received", now, Reasons(message));
            transfer.DataAddress = address ?? transfer.DataAddress;
            transfer.Received.Add(new TransferReceipt(digest, StatusCodes.Status200OK, next.Value, transfer.History.Count));
            // A consumer resuming a suspended pull needs a new EDR: the provider answers with a start message of its own;
            // a resumed push is pushed again.
            IReadOnlyList<OutboxEntry> entries = kind == TransferMessageKind.Start && transfer.Role == NegotiationRole.Provider
                ? actions.StartEntries(transfer, now, announce: false)
                : [];
            if (await store.UpdateAsync(transfer, entries, cancellationToken))
                return new TransferAnswer(StatusCodes.Status200OK, Ack(transfer, next.Value));
        }
        // Every attempt lost a race with another writer; the sender's retry will find the settled state.
        return TransferAnswer.Error(StatusCodes.Status503ServiceUnavailable, providerPid, consumerPid, "busy, retry later");
    }

    /// <summary>
    /// A repeated request gets the first answer's status and the current state; when the transfer is STARTED the provider
    /// re-sends the start message, with a fresh EDR that replaces the old one (DSP: providers SHOULD re-send it). A push's
    /// start carries no address, and the push is not run again: each run counts as a use of the agreement.
    /// </summary>
    private async Task<TransferAnswer> RepeatedRequestAsync(TransferProcess transfer, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts && transfer.State == TransferState.Started; attempt++)
        {
            var now = time.GetUtcNow();
            transfer.Note("TransferRequestMessage repeated: start message re-sent", now);
            var start = TransferFormats.IsPush(transfer.Format) ? TransferActions.PushStartMessage(transfer) : actions.StartMessage(transfer, now);
            if (await store.UpdateAsync(transfer, [start], cancellationToken))
                break;
            transfer = await store.FindAsync(transfer.Id, cancellationToken) ?? transfer;
        }
        return new TransferAnswer(StatusCodes.Status201Created, Ack(transfer, transfer.State));
    }


    private static JsonObject Ack(TransferProcess transfer, TransferState state) =>
        TransferMessages.Ack(transfer.ProviderPid ?? "", transfer.ConsumerPid ?? "", state);

    private static TransferAnswer Refuse(TransferProcess transfer, string reason) =>
        TransferAnswer.Error(StatusCodes.Status400BadRequest, transfer.ProviderPid, transfer.ConsumerPid, reason);

    // Unknown and not-yours look the same; the body names only the pid the caller already gave.
    private static TransferAnswer NotFound(string pid) => TransferAnswer.Error(StatusCodes.Status404NotFound, pid, "", "transfer process not found");
}
