using System.Text.Json.Serialization;

namespace Dataspace.Connector.Negotiation;

/// <summary>Which side of a negotiation this connector plays; also who sends a message.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NegotiationRole>))]
public enum NegotiationRole
{
    Provider,
    Consumer,
}
