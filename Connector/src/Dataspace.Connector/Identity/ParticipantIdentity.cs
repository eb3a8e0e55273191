using System.Security.Cryptography;
using Dataspace.Connector.Protocol;
using Microsoft.IdentityModel.Tokens;

namespace Dataspace.Connector.Identity;

/// <summary>This connector's DID, its signing key and the DID document it serves.</summary>
public sealed class ParticipantIdentity
{
    public ParticipantIdentity(Uri publicUrl, ECDsa key)
    {
        PublicUrl = publicUrl;
        Did = DidWeb.FromUrl(publicUrl);
        KeyId = Did + "#key-1";
        SigningKey = new ECDsaSecurityKey(key) { KeyId = KeyId };
        Document = BuildDocument(key);
    }

    /// <summary>The base URL peers reach this connector at.</summary>
    public Uri PublicUrl { get; }

    public string Did { get; }

    /// <summary>The absolute id of the signing key's verification method; it is the <c>kid</c> of every token.</summary>
    public string KeyId { get; }

    public ECDsaSecurityKey SigningKey { get; }

    public DidDocument Document { get; }

    /// <summary>The versioned DSP base URL of this connector.</summary>
    public Uri DspBaseUrl => new(PublicUrl, DspPaths.Base);

    /// <summary>The DID service type naming where providers may push FHIR data to this connector.</summary>
    public const string PushServiceType = "FhirPushService";

    /// <summary>Where this connector receives pushed FHIR data, below its public URL; one transfer's receiver is <c>{path}/{consumerPid}</c>.</summary>
    public const string PushReceiverPath = "/api/dataplane/v1/push";

    /// <summary>The base URL of this connector's push receiver, as its DID document publishes it.</summary>
    public Uri PushReceiverUrl => new(PublicUrl, PushReceiverPath);

    private DidDocument BuildDocument(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var method = new VerificationMethod
        {
            Id = KeyId,
            Controller = Did,
            PublicKeyJwk = new PublicJwk
            {
                Kty = "EC",
                Crv = "P-256",
                X = Base64UrlEncoder.Encode(parameters.Q.X),
                Y = Base64UrlEncoder.Encode(parameters.Q.Y),
            },
        };
        return new DidDocument
        {
            Id = Did,
            VerificationMethod = [method],
            Authentication = [KeyId],
            AssertionMethod = [KeyId],
            CapabilityInvocation = [KeyId],
            Service =
            [
                // DSP 2025-1: a DataService entry points at the version metadata, a CatalogService at the catalog.
                new DidService { Id = Did + "#dsp", Type = "DataService", ServiceEndpoint = new Uri(PublicUrl, DspPaths.VersionMetadata).ToString() },
                new DidService { Id = Did + "#catalog", Type = "CatalogService", ServiceEndpoint = new Uri(PublicUrl, DspPaths.Base + "/catalog").ToString() },
                // Providers push FHIR data only to endpoints at or below this one, never to a URL a message merely claims.
                new DidService { Id = Did + "#fhir-push", Type = PushServiceType, ServiceEndpoint = PushReceiverUrl.ToString() },
            ],
        };
    }
}
