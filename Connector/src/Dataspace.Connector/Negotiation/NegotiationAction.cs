namespace Dataspace.Connector.Negotiation;

/// <summary>What the operator (or the automatic responder) can make this side do.</summary>
public enum NegotiationAction
{
    /// <summary>Provider: send a (counter-)offer.</summary>
    Offer,

    /// <summary>Provider: send the agreement, if the contract policy permits.</summary>
    Agree,

    /// <summary>Provider: confirm a verified agreement.</summary>
    Finalize,

    /// <summary>Consumer: accept the provider's offer.</summary>
    Accept,

    /// <summary>Consumer: verify the provider's agreement.</summary>
    Verify,

    /// <summary>Consumer: send a counter-request.</summary>
    Request,

    /// <summary>Either side: end the negotiation.</summary>
    Terminate,
}
