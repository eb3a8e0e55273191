using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The DSP <c>DataAddress</c> a consumer sends in a FHIR-PUSH <c>TransferRequestMessage</c>: endpoint type HTTP, its
/// receiver URL as <c>endpoint</c>, and endpoint properties <c>authorization</c> (a bearer token minted for this
/// transfer), <c>authType</c> (<c>bearer</c>), <c>resourceType</c>, <c>patient</c> (comma-separated <c>Patient/id</c>)
/// and, when there are filters, <c>query</c> (FHIR search parameters as a query string).
/// </summary>
public static class PushAddress
{
    /// <summary>The address for <paramref name="endpoint"/>, <paramref name="token"/> and <paramref name="selection"/>.</summary>
    public static JsonObject Build(Uri endpoint, string token, PushSelection selection)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(selection);
        var properties = new JsonArray(
            Property("authorization", token),
            Property("authType", "bearer"),
            Property("resourceType", selection.ResourceType),
            Property("patient", string.Join(',', selection.Patients)));
        if (selection.Query.Length > 0)
            properties.Add(Property("query", selection.Query));
        return new JsonObject
        {
            ["@type"] = "DataAddress",
            ["endpointType"] = DataAddress.HttpEndpointType,
            ["endpoint"] = endpoint.AbsoluteUri,
            ["endpointProperties"] = properties,
        };
    }

    /// <summary>
    /// The provider's reading of a push address: the target with the consumer's token, or null with an
    /// <paramref name="error"/> that names the problem (and repeats no token or patient id).
    /// </summary>
    public static PushTarget? Read(JsonObject? address, out string? error)
    {
        error = null;
        if (address is null)
        {
            error = "a FHIR-PUSH TransferRequestMessage needs a dataAddress naming the consumer's receiver";
            return null;
        }
        if (Text(address, "endpointType") != DataAddress.HttpEndpointType || Text(address, "endpoint") is not { Length: > 0 } endpoint)
        {
            error = $"the dataAddress needs endpointType {DataAddress.HttpEndpointType} and an endpoint";
            return null;
        }
        if (DataAddress.Property(address, "authorization") is not { Length: > 0 } token
            || (DataAddress.Property(address, "authType") is { } type && !type.Equals("bearer", StringComparison.OrdinalIgnoreCase)))
        {
            error = "the dataAddress needs an authorization property with a bearer token";
            return null;
        }
        var patients = DataAddress.Property(address, "patient")?.Split(',');
        var selection = PushSelection.Create(DataAddress.Property(address, "resourceType"), patients, DataAddress.Property(address, "query"), out var invalid);
        if (selection is null)
        {
            error = "the dataAddress does not say what to push: " + invalid;
            return null;
        }
        return new PushTarget { Endpoint = endpoint, Selection = selection, Token = token };
    }

    private static string? Text(JsonObject address, string name) =>
        address[name]?.GetValueKind() == JsonValueKind.String ? address[name]!.GetValue<string>() : null;

    private static JsonObject Property(string name, string value) => new()
    {
        ["@type"] = "EndpointProperty",
        ["name"] = name,
        ["value"] = value,
    };
}
