using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol.Outbox;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// Moves negotiations from this side: an operator's management call or an automatic response. Each action is checked
/// against the state machine, then the new state and the DSP message it sends commit together; the outbox delivers it.
/// </summary>
public sealed class NegotiationActions(
    NegotiationStore store, NegotiationProtocol protocol, ContractOffers offers, ParticipantIdentity self,
    IOptions<ConnectorOptions> options, TimeProvider time, ILogger<NegotiationActions> logger)
{
    private const int Attempts = 5;

    /// <summary>Consumer: starts a negotiation with <paramref name="providerDid"/> on <paramref name="offer"/> (with <c>@id</c> and <c>target</c>).</summary>
    public async Task<ContractNegotiation> RequestAsync(string providerDid, JsonObject offer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offer);
        var now = time.GetUtcNow();
        var id = NegotiationProtocol.NewPid();
        var negotiation = new ContractNegotiation
        {
            Id = id, Role = NegotiationRole.Consumer, CounterPartyDid = providerDid, ConsumerPid = id,
            Offer = offer, AssetId = offer["target"]?.GetValue<string>(), CreatedAt = now,
        };
        negotiation.Transition(NegotiationState.Requested, "ContractRequestMessage", "sent", now);
        var message = NegotiationMessages.Request(id, null, offer, self.DspBaseUrl.ToString());
        await store.InsertAsync(negotiation, [OutboxEntry.Send(id, NegotiationStore.Topic, providerDid, "negotiations/request", message)], cancellationToken);
        return negotiation;
    }

    /// <summary>Provider: starts a negotiation by offering <paramref name="found"/> (a catalog offer the consumer may see).</summary>
    public async Task<ContractNegotiation> OfferAsync(string consumerDid, OfferCheck found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        var now = time.GetUtcNow();
        var id = NegotiationProtocol.NewPid();
        var negotiation = new ContractNegotiation
        {
            Id = id, Role = NegotiationRole.Provider, CounterPartyDid = consumerDid, ProviderPid = id,
            Offer = found.CatalogOffer, AssetId = found.AssetId, ContractDefinitionId = found.ContractDefinitionId, CreatedAt = now,
        };
        negotiation.Transition(NegotiationState.Offered, "ContractOfferMessage", "sent", now);
        var message = NegotiationMessages.Offer(id, null, found.CatalogOffer!, self.DspBaseUrl.ToString());
        await store.InsertAsync(negotiation, [OutboxEntry.Send(id, NegotiationStore.Topic, consumerDid, "negotiations/offers", message)], cancellationToken);
        return negotiation;
    }

    /// <summary>Takes <paramref name="action"/> on negotiation <paramref name="id"/>; <paramref name="offer"/> replaces the offer for offers and counter-requests.</summary>
    public async Task<ActionOutcome> ActAsync(string id, NegotiationAction action, JsonObject? offer, string? reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var negotiation = await store.FindAsync(id, cancellationToken);
            if (negotiation is null)
                return ActionOutcome.Refused(StatusCodes.Status404NotFound, "No negotiation with that id.");
            var outcome = await TryAsync(negotiation, action, offer, reason, null, cancellationToken);
            if (outcome is not null)
                return outcome;
        }
        return ActionOutcome.Refused(StatusCodes.Status409Conflict, "The negotiation kept changing; try again.");
    }

    /// <summary>The automatic response of the outbox step: agree or refuse by the contract policy, finalize, verify, accept.</summary>
    public async Task RespondAsync(string id, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var negotiation = await store.FindAsync(id, cancellationToken);
            if (negotiation is null || AutoResponder.Next(negotiation.Role, negotiation.State, options.Value.Negotiation) is not { } action)
                return;
            var outcome = await TryAsync(negotiation, action, null, null, null, cancellationToken);
            if (outcome is null)
                continue;
            if (outcome.Negotiation is not null || action != NegotiationAction.Agree)
                return;
            // The provider will not agree: the consumer is told the safe reason, the operator reads the full explanation.
            var refused = await store.FindAsync(id, cancellationToken);
            if (refused is null || await TryAsync(refused, NegotiationAction.Terminate, null, outcome.Problem, outcome.Detail, cancellationToken) is not null)
                return;
        }
        throw new InvalidOperationException($"negotiation {id} kept changing during its automatic response");
    }

    /// <summary>The counterparty acknowledged a message; an initial message's acknowledgement tells this side the counterparty's pid.</summary>
    public async Task AcknowledgedAsync(string id, JsonElement? acknowledgement, CancellationToken cancellationToken)
    {
        if (acknowledgement is not { ValueKind: JsonValueKind.Object } ack)
            return;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var negotiation = await store.FindAsync(id, cancellationToken);
            if (negotiation is null || negotiation.CounterPid is not null)
                return;
            var counter = NegotiationJson.String(ack, negotiation.Role == NegotiationRole.Provider ? "consumerPid" : "providerPid");
            if (string.IsNullOrEmpty(counter))
                return;
            negotiation.CounterPid = counter;
            negotiation.UpdatedAt = time.GetUtcNow();
            if (await store.UpdateAsync(negotiation, [], null, cancellationToken))
                return;
        }
    }

    /// <summary>
    /// A message could not be delivered: the two sides may now disagree on the state, which DSP resolves by terminating.
    /// This side terminates and tells the counterparty, unless the negotiation has already ended.
    /// </summary>
    public async Task DeliveryFailedAsync(string id, string messageName, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var negotiation = await store.FindAsync(id, cancellationToken);
            if (negotiation is null)
                return;
            var now = time.GetUtcNow();
            List<OutboxEntry> entries = [];
            if (negotiation.State.IsTerminal())
            {
                negotiation.Note(messageName + " not delivered", now, reason);
            }
            else
            {
                negotiation.Transition(NegotiationState.Terminated, messageName + " not delivered", "local", now, reason);
                if (negotiation.CounterPid is not null)
                    entries.Add(Send(negotiation, Termination(negotiation, "the negotiation could not continue: " + messageName + " was not accepted")));
            }
            if (await store.UpdateAsync(negotiation, entries, null, cancellationToken))
            {
                logger.LogWarning("Negotiation {Id}: {Message} not delivered: {Reason}", id, messageName, reason);
                return;
            }
        }
    }

    /// <summary>One try: null when another writer changed the negotiation meanwhile (read again and retry).</summary>
    private async Task<ActionOutcome?> TryAsync(
        ContractNegotiation negotiation, NegotiationAction action, JsonObject? offer, string? reason, string? explanation, CancellationToken cancellationToken)
    {
        var kind = KindOf(action);
        var next = NegotiationStateMachine.Next(negotiation.State, kind, negotiation.Role);
        if (next is null)
            return ActionOutcome.Refused(StatusCodes.Status409Conflict,
                $"A {negotiation.Role.ToString().ToLowerInvariant()} cannot {action.ToString().ToLowerInvariant()} in state {negotiation.State.ToWire()}.");
        if (negotiation.CounterPid is null)
            return ActionOutcome.Refused(StatusCodes.Status409Conflict, "The counterparty has not acknowledged the negotiation yet.");

        var now = time.GetUtcNow();
        JsonObject message;
        switch (action)
        {
            case NegotiationAction.Offer:
            case NegotiationAction.Request:
                var terms = (JsonObject?)offer?.DeepClone() ?? negotiation.Offer;
                if (terms?["@id"]?.GetValueKind() != JsonValueKind.String)
                    return ActionOutcome.Refused(StatusCodes.Status400BadRequest, "The offer needs an @id.");
                if (terms["target"] is null && negotiation.AssetId is not null)
                    terms["target"] = negotiation.AssetId;
                negotiation.Offer = terms;
                message = action == NegotiationAction.Offer
                    ? NegotiationMessages.Offer(negotiation.Id, negotiation.ConsumerPid, terms, null)
                    : NegotiationMessages.Request(negotiation.Id, negotiation.ProviderPid, terms, null);
                break;
            case NegotiationAction.Agree:
                var (agreement, refusal) = await AgreementAsync(negotiation, now, cancellationToken);
                if (agreement is null)
                    return refusal;
                negotiation.Agreement = agreement;
                explanation = refusal?.Detail;
                message = NegotiationMessages.Agreement(negotiation.Id, negotiation.ConsumerPid!, agreement);
                break;
            case NegotiationAction.Finalize:
                message = NegotiationMessages.Event(negotiation.Id, negotiation.ConsumerPid!, NegotiationState.Finalized);
                break;
            case NegotiationAction.Accept:
                message = NegotiationMessages.Event(negotiation.ProviderPid!, negotiation.Id, NegotiationState.Accepted);
                break;
            case NegotiationAction.Verify:
                message = NegotiationMessages.Verification(negotiation.ProviderPid!, negotiation.Id);
                break;
            default:
                reason ??= "terminated by the " + negotiation.Role.ToString().ToLowerInvariant();
                message = Termination(negotiation, reason);
                break;
        }
        negotiation.Transition(next.Value, NegotiationProtocol.MessageName(kind), "sent", now, reason, explanation);
        var concluded = next == NegotiationState.Finalized ? NegotiationProtocol.Concluded(negotiation, now) : null;
        List<OutboxEntry> entries = [Send(negotiation, message), .. protocol.AutoSteps(negotiation)];
        return await store.UpdateAsync(negotiation, entries, concluded, cancellationToken) ? new ActionOutcome(negotiation, StatusCodes.Status200OK) : null;
    }

    /// <summary>
    /// The provider's agreement on the negotiated offer, made only when the offer is still the catalog's and the contract
    /// policy permits one of the consumer's entitled purposes. A refusal carries the safe reason and the full explanation.
    /// </summary>
    private async Task<(JsonObject? Agreement, ActionOutcome? Refusal)> AgreementAsync(ContractNegotiation negotiation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (negotiation.Offer is null)
            return (null, ActionOutcome.Refused(StatusCodes.Status409Conflict, "There is no offer to agree on."));
        var check = await offers.CheckAsync(negotiation.CounterPartyDid, negotiation.Offer, cancellationToken);
        if (check.Problem is not null)
            return (null, ActionOutcome.Refused(StatusCodes.Status409Conflict, check.Problem, "The negotiated offer is not the catalog's offer for this consumer."));
        var verdict = await offers.EvaluateAsync(negotiation.CounterPartyDid, check.ContractDefinitionId!, check.AssetId!, cancellationToken);
        if (!verdict.Permitted)
            return (null, ActionOutcome.Refused(StatusCodes.Status409Conflict, verdict.SafeReason, verdict.Explanation));
        negotiation.ContractDefinitionId = check.ContractDefinitionId;
        var agreement = NegotiationMessages.NewAgreement(NegotiationProtocol.NewPid(), check.CatalogOffer!, check.AssetId!, self.Did, negotiation.CounterPartyDid, now);
        return (agreement, new ActionOutcome(null, StatusCodes.Status200OK, null, verdict.Explanation));
    }

    private static JsonObject Termination(ContractNegotiation negotiation, string reason) =>
        NegotiationMessages.Termination(negotiation.ProviderPid!, negotiation.ConsumerPid!, null, reason);

    /// <summary>The outbox entry sending <paramref name="message"/> to the counterparty's endpoint for it.</summary>
    private static OutboxEntry Send(ContractNegotiation negotiation, JsonObject message)
    {
        var counterPid = Uri.EscapeDataString(negotiation.CounterPid!);
        var type = message["@type"]!.GetValue<string>();
        var path = (negotiation.Role, type) switch
        {
            (_, "ContractNegotiationTerminationMessage") => $"negotiations/{counterPid}/termination",
            (NegotiationRole.Provider, "ContractOfferMessage") => $"negotiations/{counterPid}/offers",
            (NegotiationRole.Provider, "ContractAgreementMessage") => $"negotiations/{counterPid}/agreement",
            (NegotiationRole.Consumer, "ContractRequestMessage") => $"negotiations/{counterPid}/request",
            (NegotiationRole.Consumer, "ContractAgreementVerificationMessage") => $"negotiations/{counterPid}/agreement/verification",
            _ => $"negotiations/{counterPid}/events",
        };
        return OutboxEntry.Send(negotiation.Id, NegotiationStore.Topic, negotiation.CounterPartyDid, path, message);
    }

    private static NegotiationMessageKind KindOf(NegotiationAction action) => action switch
    {
        NegotiationAction.Offer => NegotiationMessageKind.ContractOffer,
        NegotiationAction.Agree => NegotiationMessageKind.Agreement,
        NegotiationAction.Finalize => NegotiationMessageKind.Finalized,
        NegotiationAction.Accept => NegotiationMessageKind.Accepted,
        NegotiationAction.Verify => NegotiationMessageKind.Verification,
        NegotiationAction.Request => NegotiationMessageKind.ContractRequest,
        _ => NegotiationMessageKind.Termination,
    };
}
