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

    /// <summary>
    /// A pull address with refresh, the EDC convention: as <see cref="Pull(Uri, string, TimeSpan)"/> plus <c>refreshToken</c>,
    /// <c>refreshEndpoint</c> (RFC 6749 §6 refresh at the provider) and <c>refreshAudience</c> (the provider's DID, the
    /// audience of the self-issued ID token the refresh must carry).
    /// </summary>
    public static JsonObject Pull(Uri endpoint, IssuedEdr edr, Uri refreshEndpoint, string refreshAudience)
    {
        ArgumentNullException.ThrowIfNull(edr);
        ArgumentNullException.ThrowIfNull(refreshEndpoint);
        var address = Pull(endpoint, edr.AccessToken, edr.Lifetime);
        var properties = (JsonArray)address["endpointProperties"]!;
        properties.Add(Property(RefreshTokenProperty, edr.RefreshToken));
        properties.Add(Property(RefreshEndpointProperty, refreshEndpoint.ToString()));
        properties.Add(Property(RefreshAudienceProperty, refreshAudience));
        return address;
    }

    /// <summary>The endpoint property holding the refresh token.</summary>
    public const string RefreshTokenProperty = "refreshToken";

    /// <summary>The endpoint property holding the refresh endpoint.</summary>
    public const string RefreshEndpointProperty = "refreshEndpoint";

    /// <summary>The endpoint property holding the DID a refresh's ID token is addressed to.</summary>
    public const string RefreshAudienceProperty = "refreshAudience";

    /// <summary>A copy of <paramref name="address"/> carrying the tokens of a refresh answer instead of the old ones.</summary>
    public static JsonObject Refreshed(JsonObject address, string token, string refreshToken, long expiresInSeconds)
    {
        ArgumentNullException.ThrowIfNull(address);
        var copy = (JsonObject)address.DeepClone();
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["authorization"] = token,
            [RefreshTokenProperty] = refreshToken,
            ["expiresIn"] = expiresInSeconds.ToString(CultureInfo.InvariantCulture),
        };
        var properties = new JsonArray();
        foreach (var property in copy["endpointProperties"] as JsonArray ?? [])
        {
            var name = property is JsonObject o && o["name"]?.GetValueKind() == JsonValueKind.String ? o["name"]!.GetValue<string>() : null;
            if (name is null || !replaced.ContainsKey(name))
                properties.Add(property?.DeepClone());
        }
        foreach (var (name, value) in replaced)
            properties.Add(Property(name, value));
        copy["endpointProperties"] = properties;
        return copy;
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
