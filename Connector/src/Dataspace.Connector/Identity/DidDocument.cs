using System.Text.Json.Serialization;

namespace Dataspace.Connector.Identity;

/// <summary>A W3C DID document, reduced to what a connector publishes and checks.</summary>
public sealed record DidDocument
{
    [JsonPropertyName("@context")]
    public IReadOnlyList<string> Context { get; init; } = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"];

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("verificationMethod")]
    public IReadOnlyList<VerificationMethod> VerificationMethod { get; init; } = [];

    [JsonPropertyName("authentication")]
    public IReadOnlyList<string> Authentication { get; init; } = [];

    [JsonPropertyName("assertionMethod")]
    public IReadOnlyList<string> AssertionMethod { get; init; } = [];

    [JsonPropertyName("capabilityInvocation")]
    public IReadOnlyList<string> CapabilityInvocation { get; init; } = [];

    [JsonPropertyName("service")]
    public IReadOnlyList<DidService> Service { get; init; } = [];

    /// <summary>The verification method <paramref name="keyId"/> names (absolute or <c>#fragment</c>), or the only one when no key id is given.</summary>
    public VerificationMethod? FindKey(string? keyId)
    {
        if (string.IsNullOrEmpty(keyId))
            return VerificationMethod.Count == 1 ? VerificationMethod[0] : null;
        var absolute = keyId.StartsWith('#') ? Id + keyId : keyId;
        return VerificationMethod.FirstOrDefault(m => Absolute(m.Id) == absolute);
    }

    /// <summary>True when the method may sign requests (DCP: the capabilityInvocation relationship, or authentication).</summary>
    public bool MaySignRequests(VerificationMethod method)
    {
        var id = Absolute(method.Id);
        return CapabilityInvocation.Concat(Authentication).Any(r => Absolute(r) == id);
    }

    /// <summary>The first service endpoint of the given type.</summary>
    public string? ServiceEndpoint(string type) => Service.FirstOrDefault(s => s.Type == type)?.ServiceEndpoint;

    private string Absolute(string reference) => reference.StartsWith('#') ? Id + reference : reference;
}

/// <summary>A public key published in a DID document.</summary>
public sealed record VerificationMethod
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public string Type { get; init; } = "JsonWebKey2020";

    [JsonPropertyName("controller")]
    public required string Controller { get; init; }

    [JsonPropertyName("publicKeyJwk")]
    public PublicJwk? PublicKeyJwk { get; init; }
}

/// <summary>An EC public key as a JSON Web Key (RFC 7517).</summary>
public sealed record PublicJwk
{
    [JsonPropertyName("kty")]
    public required string Kty { get; init; }

    [JsonPropertyName("crv")]
    public string? Crv { get; init; }

    [JsonPropertyName("x")]
    public string? X { get; init; }

    [JsonPropertyName("y")]
    public string? Y { get; init; }
}

/// <summary>A service entry of a DID document, e.g. the DSP endpoints.</summary>
public sealed record DidService
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("serviceEndpoint")]
    public required string ServiceEndpoint { get; init; }
}
