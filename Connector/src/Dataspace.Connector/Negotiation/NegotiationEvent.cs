namespace Dataspace.Connector.Negotiation;

/// <summary>One entry of a negotiation's history, for the operator.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Message">The DSP message or local event, e.g. <c>ContractRequestMessage</c>.</param>
/// <param name="Direction"><c>received</c>, <c>sent</c> or <c>local</c>.</param>
/// <param name="From">The state before; null when the negotiation began.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">Why, as the counterparty was told (or told us).</param>
/// <param name="Explanation">The full policy explanation; never sent to the counterparty.</param>
public sealed record NegotiationEvent(
    DateTimeOffset At, string Message, string Direction, NegotiationState? From, NegotiationState To, string? Reason = null, string? Explanation = null);
