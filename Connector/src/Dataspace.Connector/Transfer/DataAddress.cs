using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.Connector.Transfer;

/// <summary>The DSP <c>DataAddress</c> of an HTTP pull: the provider's data plane endpoint and the EDR token for it.</summary>
public static class DataAddress
{
    /// <summary>The endpoint type of an HTTP data plane.</summary>
    public const string HttpEndpointType = "https://w3id.org/idsa/v4.1/HTTP";

    /// <summary>A pull address: <paramref name="endpoint"/>, <c>authorization</c> = the token, <c>authType</c> = bearer, <c>expiresIn</c> in seconds.</summary>
    public static JsonObject Pull(Uri endpoint, string token, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new JsonObject
        {
            ["@type"] = "DataAddress",
            ["endpointType"] = HttpEndpointType,
            ["endpoint"] = endpoint.ToString(),
            ["endpointProperties"] = new JsonArray(
                Property("authorization", token),
                Property("authType", "bearer"),
                Property("expiresIn", ((long)lifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture))),
        };
    }

    /// <summary>The value of the endpoint property <paramref name="name"/>, or null.</summary>
    public static string? Property(JsonObject? address, string name) =>
        (address?["endpointProperties"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(p => p["name"]?.GetValueKind() == JsonValueKind.String && p["name"]!.GetValue<string>() == name)
            .Select(p => p["value"]?.GetValueKind() == JsonValueKind.String ? p["value"]!.GetValue<string>() : null)
            .FirstOrDefault();

    /// <summary>True when <paramref name="address"/> is an HTTP pull address with an endpoint and a token.</summary>
    public static bool IsPull(JsonObject? address) =>
        address?["endpointType"]?.GetValueKind() == JsonValueKind.String
        && address["endpointType"]!.GetValue<string>() == HttpEndpointType
        && address["endpoint"]?.GetValueKind() == JsonValueKind.String
        && Property(address, "authorization") is not null;

    private static JsonObject Property(string name, string value) => new()
    {
        ["@type"] = "EndpointProperty",
        ["name"] = name,
        ["value"] = value,
    };
}
