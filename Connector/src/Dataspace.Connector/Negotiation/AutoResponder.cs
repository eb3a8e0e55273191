namespace Dataspace.Connector.Negotiation;

/// <summary>Which step this side takes on its own in a state, when automatic responses are on. Pure.</summary>
public static class AutoResponder
{
    /// <summary>The local step name in the outbox.</summary>
    public const string Step = "respond";

    /// <summary>The action to take, or null when this side waits for the counterparty or the operator.</summary>
    public static NegotiationAction? Next(NegotiationRole role, NegotiationState state, NegotiationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.AutoRespond)
            return null;
        return (role, state) switch
        {
            (NegotiationRole.Provider, NegotiationState.Requested or NegotiationState.Accepted) => NegotiationAction.Agree,
            (NegotiationRole.Provider, NegotiationState.Verified) => NegotiationAction.Finalize,
            (NegotiationRole.Consumer, NegotiationState.Agreed) => NegotiationAction.Verify,
            (NegotiationRole.Consumer, NegotiationState.Offered) when options.AutoAcceptOffers => NegotiationAction.Accept,
            _ => null,
        };
    }
}
