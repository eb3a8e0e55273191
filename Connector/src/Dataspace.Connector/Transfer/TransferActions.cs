using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol.Outbox;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Moves transfers from this side: an operator's management call or the provider's automatic start. Each action is
/// checked against the state machine, then the new state and the DSP message it sends commit together; the outbox
/// delivers it. Starting a pull mints the EDR token, which lives only while the transfer is STARTED; starting a push
/// mints none and queues the push step instead, which delivers through the same enforcement chain.
/// </summary>
public sealed class TransferActions(
    TransferStore store, ParticipantIdentity self, IOptions<ConnectorOptions> options, TimeProvider time, ILogger<TransferActions> logger)
{
    /// <summary>The outbox step in which a provider starts a request on its own.</summary>
    public const string AutoStartStep = "auto-start";

    /// <summary>Where the provider's data plane serves FHIR pulls, below its public URL.</summary>
    public const string DataPlanePath = "/api/dataplane/v1/fhir";

    private const int Attempts = 5;

    /// <summary>
    /// Consumer: asks the provider of <paramref name="agreement"/> for a transfer in <paramref name="format"/>. A push
    /// (<paramref name="push"/> given) names this connector's receiver for the transfer and a token minted for it, of which
    /// only the hash is kept.
    /// </summary>
    public async Task<TransferProcess> RequestAsync(ContractAgreementRecord agreement, string format, PushSelection? push, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var now = time.GetUtcNow();
        var id = NegotiationProtocol.NewPid();
        var transfer = new TransferProcess
        {
            Id = id, Role = NegotiationRole.Consumer, CounterPartyDid = agreement.CounterPartyDid, ConsumerPid = id,
            AgreementId = agreement.Id, AssetId = agreement.AssetId, Format = format, CreatedAt = now,
        };
        transfer.Transition(TransferState.Requested, TransferMessages.NameOf(TransferMessageKind.Request), "sent", now);
        JsonObject? address = null;
        if (push is not null)
        {
            var (token, hash) = EdrToken.Mint();
            var endpoint = new Uri(self.PushReceiverUrl + "/" + Uri.EscapeDataString(id));
            transfer.Push = new PushTarget { Endpoint = endpoint.ToString(), Selection = push, TokenHash = hash };
            address = PushAddress.Build(endpoint, token, push);
        }
        var message = TransferMessages.Request(id, agreement.Id, format, self.DspBaseUrl.ToString(), address);
        await store.InsertAsync(transfer, [OutboxEntry.Send(id, TransferStore.Topic, agreement.CounterPartyDid, "transfers/request", message)], cancellationToken);
        return transfer;
    }

    /// <summary>Takes <paramref name="action"/> on transfer <paramref name="id"/>.</summary>
    public async Task<TransferOutcome> ActAsync(string id, TransferAction action, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var transfer = await store.FindAsync(id, cancellationToken);
            if (transfer is null)
                return TransferOutcome.Refused(StatusCodes.Status404NotFound, "No transfer with that id.");
            var kind = KindOf(action);
            var next = TransferStateMachine.Next(transfer.State, kind, transfer.Role);
            if (next is null)
                return TransferOutcome.Refused(StatusCodes.Status409Conflict,
                    $"A {transfer.Role.ToString().ToLowerInvariant()} cannot {action.ToString().ToLowerInvariant()} a transfer in state {transfer.State.ToWire()}.");
            if (transfer.CounterPid is null)
                return TransferOutcome.Refused(StatusCodes.Status409Conflict, "The counterparty has not acknowledged the transfer yet.");

            var now = time.GetUtcNow();
            reason ??= $"{action.ToString().ToLowerInvariant()} by the {transfer.Role.ToString().ToLowerInvariant()}";
            transfer.Transition(next.Value, TransferMessages.NameOf(kind), "sent", now, action == TransferAction.Start ? null : reason);
            IReadOnlyList<OutboxEntry> entries = kind switch
            {
                TransferMessageKind.Start when transfer.Role == NegotiationRole.Provider => StartEntries(transfer, now, announce: true),
                TransferMessageKind.Start => [Send(transfer, "start", TransferMessages.Start(transfer.ProviderPid!, transfer.ConsumerPid!, null))],
                TransferMessageKind.Completion => [Send(transfer, "completion", TransferMessages.Completion(transfer.ProviderPid!, transfer.ConsumerPid!))],
                TransferMessageKind.Suspension => [Send(transfer, "suspension",
                    TransferMessages.Stop("TransferSuspensionMessage", transfer.ProviderPid!, transfer.ConsumerPid!, reason))],
                _ => [Send(transfer, "termination", TransferMessages.Stop("TransferTerminationMessage", transfer.ProviderPid!, transfer.ConsumerPid!, reason))],
            };
            if (await store.UpdateAsync(transfer, entries, cancellationToken))
                return new TransferOutcome(transfer, StatusCodes.Status200OK);
        }
        return TransferOutcome.Refused(StatusCodes.Status409Conflict, "The transfer kept changing; try again.");
    }

    /// <summary>
    /// Provider: the <c>TransferStartMessage</c> for <paramref name="transfer"/> (already STARTED), with a freshly minted
    /// EDR access token and refresh token whose hashes replace the previous ones, so at most one pair per transfer is alive.
    /// </summary>
    public OutboxEntry StartMessage(TransferProcess transfer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var edr = EdrTokens.Issue(transfer, now, options.Value.Transfer.EdrLifetime);
        var address = DataAddress.Pull(new Uri(self.PublicUrl, DataPlanePath), edr, new Uri(self.PublicUrl, EdrRefreshEndpoint.Path), self.Did);
        return Send(transfer, "start", TransferMessages.Start(transfer.ProviderPid!, transfer.ConsumerPid!, address));
    }

    /// <summary>
    /// Provider: the outbox work of <paramref name="transfer"/> (now STARTED). A pull gets a start message with a fresh
    /// EDR. A push gets a start message without address when the provider <paramref name="announce"/>s the start (not
    /// when the consumer resumed it), then the push step; the outbox runs a process's entries in order, so the consumer
    /// is STARTED before anything is pushed.
    /// </summary>
    public IReadOnlyList<OutboxEntry> StartEntries(TransferProcess transfer, DateTimeOffset now, bool announce)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        if (!TransferFormats.IsPush(transfer.Format))
            return [StartMessage(transfer, now)];
        var push = OutboxEntry.Step(transfer.Id, TransferStore.Topic, PushDelivery.Step);
        return announce ? [PushStartMessage(transfer), push] : [push];
    }

    /// <summary>Provider: the <c>TransferStartMessage</c> of a push, which carries no address (the consumer gave its own).</summary>
    public static OutboxEntry PushStartMessage(TransferProcess transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return Send(transfer, "start", TransferMessages.Start(transfer.ProviderPid!, transfer.ConsumerPid!, null));
    }

    /// <summary>The provider's automatic start of a request, from the outbox step.</summary>
    public async Task AutoStartAsync(string id, CancellationToken cancellationToken)
    {
        var transfer = await store.FindAsync(id, cancellationToken);
        if (transfer is null || transfer.Role != NegotiationRole.Provider || transfer.State != TransferState.Requested)
            return;
        var outcome = await ActAsync(id, TransferAction.Start, null, cancellationToken);
        if (outcome.Transfer is null && outcome.Status != StatusCodes.Status409Conflict)
            throw new InvalidOperationException($"transfer {id} could not start: {outcome.Problem}");
    }

    /// <summary>The counterparty acknowledged a message; the request's acknowledgement tells the consumer the provider's pid.</summary>
    public async Task AcknowledgedAsync(string id, JsonElement? acknowledgement, CancellationToken cancellationToken)
    {
        if (acknowledgement is not { ValueKind: JsonValueKind.Object } ack)
            return;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var transfer = await store.FindAsync(id, cancellationToken);
            if (transfer is null || transfer.CounterPid is not null)
                return;
            var counter = NegotiationJson.String(ack, transfer.Role == NegotiationRole.Provider ? "consumerPid" : "providerPid");
            if (string.IsNullOrEmpty(counter))
                return;
            transfer.CounterPid = counter;
            transfer.UpdatedAt = time.GetUtcNow();
            if (await store.UpdateAsync(transfer, [], cancellationToken))
                return;
        }
    }

    /// <summary>
    /// A message could not be delivered: the two sides may now disagree on the state, which DSP resolves by terminating.
    /// This side terminates (its EDR dies) and tells the counterparty, unless the transfer has already ended. One
    /// exception: a provider's start message refused while the provider is STARTED (sent again on a resume, a refresh or
    /// a repeated request) means the consumer has moved on — typically it completed before the message arrived, and its
    /// own completion or termination is on its way. Terminating here would leave the sides split (COMPLETED against
    /// TERMINATED), so the provider only revokes the EDR, which stops all data until the consumer's message lands.
    /// </summary>
    public async Task DeliveryFailedAsync(string id, string messageName, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var transfer = await store.FindAsync(id, cancellationToken);
            if (transfer is null)
                return;
            var now = time.GetUtcNow();
            List<OutboxEntry> entries = [];
            if (transfer.State.IsTerminal())
            {
                transfer.Note(messageName + " not delivered", now, reason);
            }
            else if (transfer.Role == NegotiationRole.Provider && transfer.State == TransferState.Started
                && messageName == TransferMessages.NameOf(TransferMessageKind.Start))
            {
                EdrTokens.Revoke(transfer, now, messageName + " not delivered (" + reason + "); waiting for the consumer's own message");
            }
            else
            {
                transfer.Transition(TransferState.Terminated, messageName + " not delivered", "local", now, reason);
                if (transfer.CounterPid is not null)
                    entries.Add(Send(transfer, "termination", TransferMessages.Stop("TransferTerminationMessage", transfer.ProviderPid!, transfer.ConsumerPid!,
                        "the transfer could not continue: " + messageName + " was not accepted")));
            }
            if (await store.UpdateAsync(transfer, entries, cancellationToken))
            {
                logger.LogWarning("Transfer {Id}: {Message} not delivered: {Reason}", id, messageName, reason);
                return;
            }
        }
    }

    /// <summary>The outbox entry sending <paramref name="message"/> to the counterparty's endpoint <c>transfers/{its pid}/{verb}</c>.</summary>
    private static OutboxEntry Send(TransferProcess transfer, string verb, JsonObject message) =>
        OutboxEntry.Send(transfer.Id, TransferStore.Topic, transfer.CounterPartyDid, $"transfers/{Uri.EscapeDataString(transfer.CounterPid!)}/{verb}", message);

    private static TransferMessageKind KindOf(TransferAction action) => action switch
    {
        TransferAction.Start => TransferMessageKind.Start,
        TransferAction.Suspend => TransferMessageKind.Suspension,
        TransferAction.Complete => TransferMessageKind.Completion,
        _ => TransferMessageKind.Termination,
    };
}
