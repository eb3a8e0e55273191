namespace Dataspace.Connector.Negotiation;

/// <summary>How this connector answers in contract negotiations.</summary>
public sealed class NegotiationOptions
{
    /// <summary>
    /// Respond on its own (provider: agree or refuse a request by the contract policy, finalize once verified; consumer:
    /// verify an agreement). Off, every step waits for the operator's management API call.
    /// </summary>
    public bool AutoRespond { get; set; } = true;

    /// <summary>As consumer, accept a provider's offer without the operator (only with <see cref="AutoRespond"/>).</summary>
    public bool AutoAcceptOffers { get; set; }
}
