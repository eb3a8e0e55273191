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
/// delivers it. Starting a pull mints the EDR token, which lives only while the transfer is STARTED.
/// </summary>
public sealed class TransferActions(
    TransferStore store, ParticipantIdentity self, IOptions<ConnectorOptions> options, TimeProvider time, ILogger<TransferActions> logger)
{
    /// <summary>The outbox step in which a provider starts a request on its own.</summary>
    public const string AutoStartStep = "auto-start";

    /// <summary>Where the provider's data plane serves FHIR pulls, below its public URL.</summary>
    public const string DataPlanePath = "/api/dataplane/v1/fhir";

    private const int Attempts = 5;

    /// <summary>Consumer: asks the provider of <paramref name="agreement"/> for a transfer in <paramref name="format"/>.</summary>
    public async Task<TransferProcess> RequestAsync(ContractAgreementRecord agreement, string format, CancellationToken cancellationToken)
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
        var message = TransferMessages.Request(id, agreement.Id, format, self.DspBaseUrl.ToString());
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
            var message = kind switch
            {
                TransferMessageKind.Start when transfer.Role == NegotiationRole.Provider => StartMessage(transfer, now),
                TransferMessageKind.Start => Send(transfer, "start", TransferMessages.Start(transfer.ProviderPid!, transfer.ConsumerPid!, null)),
                TransferMessageKind.Completion => Send(transfer, "completion", TransferMessages.Completion(transfer.ProviderPid!, transfer.ConsumerPid!)),
                TransferMessageKind.Suspension => Send(transfer, "suspension",
                    TransferMessages.Stop("TransferSuspensionMessage", transfer.ProviderPid!, transfer.ConsumerPid!, reason)),
                _ => Send(transfer, "termination", TransferMessages.Stop("TransferTerminationMessage", transfer.ProviderPid!, transfer.ConsumerPid!, reason)),
            };
            if (await store.UpdateAsync(transfer, [message], cancellationToken))
                return new TransferOutcome(transfer, StatusCodes.Status200OK);
        }
        return TransferOutcome.Refused(StatusCodes.Status409Conflict, "The transfer kept changing; try again.");
    }

    /// <summary>
    /// Provider: the <c>TransferStartMessage</c> for <paramref name="transfer"/> (already STARTED), with a freshly minted
    /// EDR token whose hash replaces the previous one, so at most one token per transfer is alive.
    /// </summary>
    public OutboxEntry StartMessage(TransferProcess transfer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var lifetime = options.Value.Transfer.EdrLifetime;
        var (token, hash) = EdrToken.Mint();
        transfer.TokenHash = hash;
        transfer.TokenExpiresAt = now + lifetime;
        var address = DataAddress.Pull(new Uri(self.PublicUrl, DataPlanePath), token, lifetime);
        return Send(transfer, "start", TransferMessages.Start(transfer.ProviderPid!, transfer.ConsumerPid!, address));
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
    /// This side terminates (its EDR dies) and tells the counterparty, unless the transfer has already ended.
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
