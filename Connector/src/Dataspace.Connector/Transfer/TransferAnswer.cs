using System.Text.Json.Nodes;

namespace Dataspace.Connector.Transfer;

/// <summary>What a DSP transfer endpoint answers: a <c>TransferProcess</c> acknowledgement or a <c>TransferError</c>, with its status.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The JSON body.</param>
public sealed record TransferAnswer(int Status, JsonObject Body)
{
    /// <summary>A <c>TransferError</c>.</summary>
    public static TransferAnswer Error(int status, string? providerPid, string? consumerPid, string reason) =>
        new(status, TransferMessages.Error(providerPid ?? "", consumerPid ?? "", status, reason));

    /// <summary>The answer as an HTTP result.</summary>
    public IResult ToResult() => Results.Json(Body, statusCode: Status, contentType: "application/json");
}
