namespace Dataspace.Connector.Negotiation;

/// <summary>The DSP contract negotiation states; on the wire they are upper case (<c>REQUESTED</c>, …).</summary>
public enum NegotiationState
{
    Requested,
    Offered,
    Accepted,
    Agreed,
    Verified,
    Finalized,
    Terminated,
}

/// <summary>Wire names and properties of <see cref="NegotiationState"/>.</summary>
public static class NegotiationStates
{
    /// <summary>The DSP 2025-1 name, e.g. <c>REQUESTED</c>.</summary>
    public static string ToWire(this NegotiationState state) => state.ToString().ToUpperInvariant();

    /// <summary>FINALIZED and TERMINATED: no message moves a negotiation out of them.</summary>
    public static bool IsTerminal(this NegotiationState state) => state is NegotiationState.Finalized or NegotiationState.Terminated;
}
