using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Protocol.Outbox;
using Microsoft.Extensions.Options;
using static Dataspace.Connector.Negotiation.NegotiationJson;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// Receives DSP contract negotiation messages from an authenticated counterparty. A message is checked completely
/// before anything is written; an illegal one is answered with a <c>ContractNegotiationError</c> and changes nothing; a
/// redelivered one gets the answer it got the first time. Negotiations of other counterparties do not exist for the caller.
/// </summary>
public sealed class NegotiationProtocol(
    NegotiationStore store, ContractOffers offers, DspClient dsp, ParticipantIdentity self, IOptions<ConnectorOptions> options, TimeProvider time)
{
    private const int Attempts = 5;

    private NegotiationOptions Settings => options.Value.Negotiation;

    /// <summary>GET on a negotiation: its state, for its counterparty only.</summary>
    public async Task<DspAnswer> GetAsync(VerifiedCaller caller, string pid, CancellationToken cancellationToken)
    {
        var negotiation = await store.FindAsync(pid, cancellationToken);
        return negotiation is null || negotiation.CounterPartyDid != caller.Did
            ? NotFound(pid)
            : new DspAnswer(StatusCodes.Status200OK, Ack(negotiation, negotiation.State));
    }

    /// <summary>An initial <c>ContractRequestMessage</c>: the consumer starts a negotiation on a catalog offer.</summary>
    public async Task<DspAnswer> ReceiveRequestAsync(VerifiedCaller caller, JsonElement message, CancellationToken cancellationToken)
    {
        var consumerPid = String(message, "consumerPid");
        var callback = String(message, "callbackAddress");
        var offer = Object(message, "offer");
        if (consumerPid is null || callback is null || offer is null)
            return DspAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "an initial ContractRequestMessage needs consumerPid, offer and callbackAddress");
        if (String(message, "providerPid") is not null)
            return DspAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "an initial ContractRequestMessage carries no providerPid");
        var digest = Digest(message);
        if (await ReplayAsync(NegotiationRole.Provider, caller.Did, consumerPid, digest, cancellationToken) is { } replay)
            return replay;
        if (!await dsp.IsOwnDspBaseAsync(caller.Did, callback, cancellationToken))
            return DspAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, "callbackAddress is not the DSP endpoint the consumer's DID document names");
        var check = await offers.CheckAsync(caller.Did, offer, cancellationToken);
        if (check.Problem is not null)
            return DspAnswer.Error(StatusCodes.Status400BadRequest, null, consumerPid, check.Problem);

        var now = time.GetUtcNow();
        var id = NewPid();
        var negotiation = new ContractNegotiation
        {
            Id = id, Role = NegotiationRole.Provider, CounterPartyDid = caller.Did, ProviderPid = id, ConsumerPid = consumerPid,
            Offer = check.CatalogOffer, AssetId = check.AssetId, ContractDefinitionId = check.ContractDefinitionId, CreatedAt = now,
        };
        return await CreateAsync(negotiation, NegotiationMessageKind.ContractRequest, digest, now, cancellationToken);
    }

    /// <summary>An initial <c>ContractOfferMessage</c>: the provider starts a negotiation with this consumer.</summary>
    public async Task<DspAnswer> ReceiveOfferAsync(VerifiedCaller caller, JsonElement message, CancellationToken cancellationToken)
    {
        var providerPid = String(message, "providerPid");
        var callback = String(message, "callbackAddress");
        var offer = Object(message, "offer");
        if (providerPid is null || callback is null || offer is null)
            return DspAnswer.Error(StatusCodes.Status400BadRequest, providerPid, null, "an initial ContractOfferMessage needs providerPid, offer and callbackAddress");
        if (offer["@id"]?.GetValueKind() != JsonValueKind.String || offer["target"]?.GetValueKind() != JsonValueKind.String)
            return DspAnswer.Error(StatusCodes.Status400BadRequest, providerPid, null, "the offer needs an @id and a target");
        var digest = Digest(message);
        if (await ReplayAsync(NegotiationRole.Consumer, caller.Did, providerPid, digest, cancellationToken) is { } replay)
            return replay;
        if (!await dsp.IsOwnDspBaseAsync(caller.Did, callback, cancellationToken))
            return DspAnswer.Error(StatusCodes.Status400BadRequest, providerPid, null, "callbackAddress is not the DSP endpoint the provider's DID document names");

        var now = time.GetUtcNow();
        var id = NewPid();
        var negotiation = new ContractNegotiation
        {
            Id = id, Role = NegotiationRole.Consumer, CounterPartyDid = caller.Did, ProviderPid = providerPid, ConsumerPid = id,
            Offer = offer, AssetId = offer["target"]!.GetValue<string>(), CreatedAt = now,
        };
        return await CreateAsync(negotiation, NegotiationMessageKind.ContractOffer, digest, now, cancellationToken);
    }

    /// <summary>Any later message, addressed to this side's pid <paramref name="pid"/>.</summary>
    public async Task<DspAnswer> ReceiveAsync(VerifiedCaller caller, string pid, NegotiationMessageKind kind, JsonElement message, CancellationToken cancellationToken)
    {
        var providerPid = String(message, "providerPid");
        var consumerPid = String(message, "consumerPid");
        var digest = Digest(message);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var negotiation = await store.FindAsync(pid, cancellationToken);
            if (negotiation is null || negotiation.CounterPartyDid != caller.Did)
                return NotFound(pid);
            if (providerPid is null || consumerPid is null)
                return Refuse(negotiation, "the message needs providerPid and consumerPid");
            var (own, counter) = negotiation.Role == NegotiationRole.Provider ? (providerPid, consumerPid) : (consumerPid, providerPid);
            if (own != negotiation.Id || (negotiation.CounterPid is { } known && counter != known))
                return Refuse(negotiation, "providerPid and consumerPid do not name this negotiation");
            // A redelivery is the latest message again with nothing happened since; the same message after the
            // negotiation moved on is a new message (a peer repeating an offer in ACCEPTED must be refused).
            if (negotiation.Received.LastOrDefault() is { } latest && latest.Digest == digest && latest.Position == negotiation.History.Count)
                return new DspAnswer(latest.Status, Ack(negotiation, latest.State));

            var next = NegotiationStateMachine.Next(negotiation.State, kind, negotiation.Role.Opposite());
            if (next is null)
                return Refuse(negotiation, $"{MessageName(kind)} is not allowed in state {negotiation.State.ToWire()}");
            if (ReadContent(negotiation, kind, message) is { } problem)
                return Refuse(negotiation, problem);

            var now = time.GetUtcNow();
            negotiation.CounterPid ??= counter;
            negotiation.Transition(next.Value, MessageName(kind), "received", now, kind == NegotiationMessageKind.Termination ? Reasons(message) : null);
            negotiation.Received.Add(new ReceivedMessage(digest, StatusCodes.Status200OK, next.Value, negotiation.History.Count));
            var concluded = next == NegotiationState.Finalized ? Concluded(negotiation, now) : null;
            if (await store.UpdateAsync(negotiation, AutoSteps(negotiation), concluded, cancellationToken))
                return new DspAnswer(StatusCodes.Status200OK, Ack(negotiation, next.Value));
        }
        // Every attempt lost a race with another writer; the sender's retry will find the settled state.
        return DspAnswer.Error(StatusCodes.Status503ServiceUnavailable, providerPid, consumerPid, "busy, retry later");
    }

    /// <summary>The agreement record a finalized negotiation leaves behind.</summary>
    public static ContractAgreementRecord? Concluded(ContractNegotiation negotiation, DateTimeOffset at) =>
        negotiation.Agreement is { } agreement && agreement["@id"]?.GetValue<string>() is { } id
            ? new ContractAgreementRecord(id, negotiation.Id, negotiation.Role, negotiation.CounterPartyDid, negotiation.AssetId ?? "", at, agreement)
            : null;

    /// <summary>The automatic step the outbox should run after this transition, if any.</summary>
    public IReadOnlyList<OutboxEntry> AutoSteps(ContractNegotiation negotiation) =>
        AutoResponder.Next(negotiation.Role, negotiation.State, Settings) is null
            ? []
            : [OutboxEntry.Step(negotiation.Id, NegotiationStore.Topic, AutoResponder.Step)];

    /// <summary>A fresh pid.</summary>
    public static string NewPid() => "urn:uuid:" + Guid.NewGuid();

    /// <summary>The DSP message type of <paramref name="kind"/>.</summary>
    public static string MessageName(NegotiationMessageKind kind) => kind switch
    {
        NegotiationMessageKind.ContractRequest => "ContractRequestMessage",
        NegotiationMessageKind.ContractOffer => "ContractOfferMessage",
        NegotiationMessageKind.Accepted => "ContractNegotiationEventMessage:ACCEPTED",
        NegotiationMessageKind.Finalized => "ContractNegotiationEventMessage:FINALIZED",
        NegotiationMessageKind.Agreement => "ContractAgreementMessage",
        NegotiationMessageKind.Verification => "ContractAgreementVerificationMessage",
        _ => "ContractNegotiationTerminationMessage",
    };

    private async Task<DspAnswer> CreateAsync(ContractNegotiation negotiation, NegotiationMessageKind kind, string digest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var state = NegotiationStateMachine.Next(null, kind, negotiation.Role.Opposite())!.Value;
        negotiation.Transition(state, MessageName(kind), "received", now);
        negotiation.Received.Add(new ReceivedMessage(digest, StatusCodes.Status201Created, state, negotiation.History.Count));
        if (await store.InsertAsync(negotiation, AutoSteps(negotiation), cancellationToken))
            return new DspAnswer(StatusCodes.Status201Created, Ack(negotiation, state));
        // The same initial message raced itself in: the one that won answers for both.
        return await ReplayAsync(negotiation.Role, negotiation.CounterPartyDid, negotiation.CounterPid!, digest, cancellationToken)
            ?? DspAnswer.Error(StatusCodes.Status400BadRequest, negotiation.ProviderPid, negotiation.ConsumerPid, "that pid is already in use");
    }

    /// <summary>
    /// The earlier answer when this initial message was seen before (however far the negotiation has moved since: an
    /// initial message is never legitimately sent twice); a refusal when its pid is taken by another; null when new.
    /// </summary>
    private async Task<DspAnswer?> ReplayAsync(NegotiationRole role, string counterPartyDid, string counterPid, string digest, CancellationToken cancellationToken)
    {
        var existing = await store.FindByCounterPidAsync(role, counterPartyDid, counterPid, cancellationToken);
        if (existing is null)
            return null;
        var earlier = existing.Received.FirstOrDefault(r => r.Digest == digest);
        return earlier is not null
            ? new DspAnswer(earlier.Status, Ack(existing, earlier.State))
            : DspAnswer.Error(StatusCodes.Status400BadRequest, existing.ProviderPid, existing.ConsumerPid, "a negotiation with that pid exists already");
    }

    /// <summary>Takes the offer or agreement a message carries into the negotiation; returns why it cannot, without changing anything then.</summary>
    private string? ReadContent(ContractNegotiation negotiation, NegotiationMessageKind kind, JsonElement message)
    {
        switch (kind)
        {
            case NegotiationMessageKind.ContractRequest or NegotiationMessageKind.ContractOffer:
                var offer = Object(message, "offer");
                if (offer?["@id"]?.GetValueKind() != JsonValueKind.String)
                    return "the message needs an offer with an @id";
                if (offer["target"] is null && negotiation.AssetId is not null)
                    offer["target"] = negotiation.AssetId;
                negotiation.Offer = offer;
                return null;
            case NegotiationMessageKind.Agreement:
                var agreement = Object(message, "agreement");
                if (AgreementProblem(negotiation, agreement) is { } problem)
                    return problem;
                negotiation.Agreement = agreement;
                return null;
            default:
                return null;
        }
    }

    private string? AgreementProblem(ContractNegotiation negotiation, JsonObject? agreement)
    {
        if (agreement is null || agreement["@id"]?.GetValueKind() != JsonValueKind.String || agreement["target"]?.GetValueKind() != JsonValueKind.String)
            return "the message needs an agreement with an @id and a target";
        if (agreement["assigner"]?.GetValueKind() != JsonValueKind.String || agreement["assigner"]!.GetValue<string>() != negotiation.CounterPartyDid)
            return "the agreement's assigner must be the provider";
        if (agreement["assignee"]?.GetValueKind() != JsonValueKind.String || agreement["assignee"]!.GetValue<string>() != self.Did)
            return "the agreement's assignee must be this consumer";
        if (negotiation.AssetId is { } asset && agreement["target"]!.GetValue<string>() != asset)
            return "the agreement's target is not the negotiated dataset";
        if (agreement["permission"] is not JsonArray && agreement["prohibition"] is not JsonArray)
            return "the agreement has no rules";
        return null;
    }


    private static JsonObject Ack(ContractNegotiation negotiation, NegotiationState state) =>
        NegotiationMessages.Ack(negotiation.ProviderPid ?? "", negotiation.ConsumerPid ?? "", state);

    private static DspAnswer Refuse(ContractNegotiation negotiation, string reason) =>
        DspAnswer.Error(StatusCodes.Status400BadRequest, negotiation.ProviderPid, negotiation.ConsumerPid, reason);

    // Unknown and not-yours look the same; the body names only the pid the caller already gave.
    private static DspAnswer NotFound(string pid) => DspAnswer.Error(StatusCodes.Status404NotFound, pid, "", "negotiation not found");
}
