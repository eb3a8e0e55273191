using System.Globalization;
using System.Text.Json.Nodes;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Negotiation;

/// <summary>Builds the DSP 2025-1 contract negotiation messages in their compact form (plain <c>@type</c>, bare terms).</summary>
public static class NegotiationMessages
{
    /// <summary><c>ContractRequestMessage</c>: initial with <paramref name="callbackAddress"/>, or a counter-request with <paramref name="providerPid"/>.</summary>
    public static JsonObject Request(string consumerPid, string? providerPid, JsonObject offer, string? callbackAddress)
    {
        var message = Message("ContractRequestMessage", providerPid, consumerPid);
        message["offer"] = offer.DeepClone();
        if (callbackAddress is not null)
            message["callbackAddress"] = callbackAddress;
        return message;
    }

    /// <summary><c>ContractOfferMessage</c>: initial with <paramref name="callbackAddress"/>, or a counter-offer with <paramref name="consumerPid"/>.</summary>
    public static JsonObject Offer(string providerPid, string? consumerPid, JsonObject offer, string? callbackAddress)
    {
        var message = Message("ContractOfferMessage", providerPid, consumerPid);
        message["offer"] = offer.DeepClone();
        if (callbackAddress is not null)
            message["callbackAddress"] = callbackAddress;
        return message;
    }

    /// <summary><c>ContractAgreementMessage</c>.</summary>
    public static JsonObject Agreement(string providerPid, string consumerPid, JsonObject agreement)
    {
        var message = Message("ContractAgreementMessage", providerPid, consumerPid);
        message["agreement"] = agreement.DeepClone();
        return message;
    }

    /// <summary><c>ContractAgreementVerificationMessage</c>.</summary>
    public static JsonObject Verification(string providerPid, string consumerPid) => Message("ContractAgreementVerificationMessage", providerPid, consumerPid);

    /// <summary><c>ContractNegotiationEventMessage</c> with <c>ACCEPTED</c> or <c>FINALIZED</c>.</summary>
    public static JsonObject Event(string providerPid, string consumerPid, NegotiationState eventType)
    {
        var message = Message("ContractNegotiationEventMessage", providerPid, consumerPid);
        message["eventType"] = eventType.ToWire();
        return message;
    }

    /// <summary><c>ContractNegotiationTerminationMessage</c>.</summary>
    public static JsonObject Termination(string providerPid, string consumerPid, string? code, string reason)
    {
        var message = Message("ContractNegotiationTerminationMessage", providerPid, consumerPid);
        if (code is not null)
            message["code"] = code;
        message["reason"] = new JsonArray(reason);
        return message;
    }

    /// <summary>The <c>ContractNegotiation</c> acknowledgement and GET answer.</summary>
    public static JsonObject Ack(string providerPid, string consumerPid, NegotiationState state)
    {
        var message = Message("ContractNegotiation", providerPid, consumerPid);
        message["state"] = state.ToWire();
        return message;
    }

    /// <summary>The <c>ContractNegotiationError</c> body; pids the caller has not earned are left empty.</summary>
    public static JsonObject Error(string providerPid, string consumerPid, int status, string reason)
    {
        var message = Message("ContractNegotiationError", providerPid, consumerPid);
        message["code"] = status.ToString(CultureInfo.InvariantCulture);
        message["reason"] = new JsonArray(reason);
        return message;
    }

    /// <summary>
    /// An ODRL <c>Agreement</c> made from <paramref name="offer"/>: every rule of the offer, the dataset as target, the
    /// provider as assigner and the consumer as assignee, and when it was concluded.
    /// </summary>
    public static JsonObject NewAgreement(string agreementId, JsonObject offer, string target, string assigner, string assignee, DateTimeOffset timestamp)
    {
        var agreement = new JsonObject
        {
            ["@id"] = agreementId,
            ["@type"] = "Agreement",
        };
        foreach (var (key, value) in offer)
        {
            if (key is not ("@id" or "@type" or "target" or "assigner" or "assignee" or "@context"))
                agreement[key] = value?.DeepClone();
        }
        agreement["target"] = target;
        agreement["assigner"] = assigner;
        agreement["assignee"] = assignee;
        agreement["timestamp"] = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return agreement;
    }

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
