using System.Globalization;
using System.Text.Json.Nodes;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Transfer;

/// <summary>Builds the DSP 2025-1 transfer process messages in their compact form (plain <c>@type</c>, bare terms).</summary>
public static class TransferMessages
{
    /// <summary><c>TransferRequestMessage</c>; a push names the consumer's receiver in <paramref name="dataAddress"/>, a pull sends none.</summary>
    public static JsonObject Request(string consumerPid, string agreementId, string format, string callbackAddress, JsonObject? dataAddress = null)
    {
        var message = Message("TransferRequestMessage", null, consumerPid);
        message["agreementId"] = agreementId;
        message["format"] = format;
        if (dataAddress is not null)
            message["dataAddress"] = dataAddress;
        message["callbackAddress"] = callbackAddress;
        return message;
    }

    /// <summary><c>TransferStartMessage</c>, with the pull <c>DataAddress</c> when the provider sends it (none for a push).</summary>
    public static JsonObject Start(string providerPid, string consumerPid, JsonObject? dataAddress)
    {
        var message = Message("TransferStartMessage", providerPid, consumerPid);
        if (dataAddress is not null)
            message["dataAddress"] = dataAddress;
        return message;
    }

    /// <summary><c>TransferCompletionMessage</c>.</summary>
    public static JsonObject Completion(string providerPid, string consumerPid) => Message("TransferCompletionMessage", providerPid, consumerPid);

    /// <summary><c>TransferSuspensionMessage</c> or <c>TransferTerminationMessage</c> with a reason.</summary>
    public static JsonObject Stop(string type, string providerPid, string consumerPid, string reason)
    {
        var message = Message(type, providerPid, consumerPid);
        message["reason"] = new JsonArray(reason);
        return message;
    }

    /// <summary>The <c>TransferProcess</c> acknowledgement and GET answer.</summary>
    public static JsonObject Ack(string providerPid, string consumerPid, TransferState state)
    {
        var message = Message("TransferProcess", providerPid, consumerPid);
        message["state"] = state.ToWire();
        return message;
    }

    /// <summary>The <c>TransferError</c> body; pids the caller has not earned are left empty.</summary>
    public static JsonObject Error(string providerPid, string consumerPid, int status, string reason)
    {
        var message = Message("TransferError", providerPid, consumerPid);
        message["code"] = status.ToString(CultureInfo.InvariantCulture);
        message["reason"] = new JsonArray(reason);
        return message;
    }

    /// <summary>The DSP message type of <paramref name="kind"/>.</summary>
    public static string NameOf(TransferMessageKind kind) => kind switch
    {
        TransferMessageKind.Request => "TransferRequestMessage",
        TransferMessageKind.Start => "TransferStartMessage",
        TransferMessageKind.Completion => "TransferCompletionMessage",
        TransferMessageKind.Suspension => "TransferSuspensionMessage",
        _ => "TransferTerminationMessage",
    };

    private static JsonObject Message(string type, string? providerPid, string? consumerPid)
    {
        var message = new JsonObject
        {
            ["@context"] = new JsonArray(DspPaths.Context),
            ["@type"] = type,
        };
        if (providerPid is not null)
            message["providerPid"] = providerPid;
        if (consumerPid is not null)
            message["consumerPid"] = consumerPid;
        return message;
    }
}
