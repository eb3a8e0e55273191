namespace Dataspace.Connector.Negotiation;

/// <summary>
/// The DSP 2025-1 contract negotiation state machine as a pure function: which state a message leads to, or none when
/// the message is illegal in the current state or from that sender. Termination is allowed from either side in every
/// non-terminal state; FINALIZED and TERMINATED accept nothing.
/// </summary>
public static class NegotiationStateMachine
{
    /// <summary>The state after <paramref name="message"/> from <paramref name="sender"/>; <paramref name="current"/> is null for a new negotiation.</summary>
    public static NegotiationState? Next(NegotiationState? current, NegotiationMessageKind message, NegotiationRole sender)
    {
        if (message == NegotiationMessageKind.Termination)
            return current is { } state && !state.IsTerminal() ? NegotiationState.Terminated : null;
        if (SenderOf(message) != sender)
            return null;
        return (current, message) switch
        {
            (null, NegotiationMessageKind.ContractRequest) => NegotiationState.Requested,
            (null, NegotiationMessageKind.ContractOffer) => NegotiationState.Offered,
            (NegotiationState.Requested, NegotiationMessageKind.ContractOffer) => NegotiationState.Offered,
            (NegotiationState.Requested, NegotiationMessageKind.Agreement) => NegotiationState.Agreed,
            (NegotiationState.Offered, NegotiationMessageKind.ContractRequest) => NegotiationState.Requested,
            (NegotiationState.Offered, NegotiationMessageKind.Accepted) => NegotiationState.Accepted,
            (NegotiationState.Accepted, NegotiationMessageKind.Agreement) => NegotiationState.Agreed,
            (NegotiationState.Agreed, NegotiationMessageKind.Verification) => NegotiationState.Verified,
            (NegotiationState.Verified, NegotiationMessageKind.Finalized) => NegotiationState.Finalized,
            _ => null,
        };
    }

    /// <summary>Who may send <paramref name="message"/>; null for termination, which either side may send.</summary>
    public static NegotiationRole? SenderOf(NegotiationMessageKind message) => message switch
    {
        NegotiationMessageKind.ContractRequest or NegotiationMessageKind.Accepted or NegotiationMessageKind.Verification => NegotiationRole.Consumer,
        NegotiationMessageKind.ContractOffer or NegotiationMessageKind.Agreement or NegotiationMessageKind.Finalized => NegotiationRole.Provider,
        _ => null,
    };

    /// <summary>The other side.</summary>
    public static NegotiationRole Opposite(this NegotiationRole role) =>
        role == NegotiationRole.Provider ? NegotiationRole.Consumer : NegotiationRole.Provider;
}
