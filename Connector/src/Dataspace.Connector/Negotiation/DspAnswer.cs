using System.Text.Json.Nodes;

namespace Dataspace.Connector.Negotiation;

/// <summary>What the DSP endpoint answers: an acknowledgement or a <c>ContractNegotiationError</c>, with its status.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
public sealed record DspAnswer(int Status, JsonObject Body)
{
    /// <summary>A <c>ContractNegotiationError</c>.</summary>
    public static DspAnswer Error(int status, string? providerPid, string? consumerPid, string reason) =>
        new(status, NegotiationMessages.Error(providerPid ?? "", consumerPid ?? "", status, reason));

    /// <summary>The answer as an HTTP result.</summary>
    public IResult ToResult() => Results.Json(Body, statusCode: Status, contentType: "application/json");
}
