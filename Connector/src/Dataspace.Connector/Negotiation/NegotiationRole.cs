namespace Dataspace.Connector.Negotiation;

/// <summary>Which side of a negotiation this connector plays; also who sends a message.</summary>
public enum NegotiationRole
{
    Provider,
    Consumer,
}
