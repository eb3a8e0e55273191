using System.Text.Json.Nodes;
using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Protocol;

/// <summary>Serves <c>/.well-known/dspace-version</c>: which DSP versions this connector speaks and where.</summary>
public static class VersionMetadataEndpoint
{
    /// <summary>Maps the unauthenticated version metadata endpoint.</summary>
    public static void MapVersionMetadata(this IEndpointRouteBuilder app) =>
        app.MapGet(DspPaths.VersionMetadata, (ParticipantIdentity identity) => Results.Json(Build(identity)))
            .ExcludeFromDescription();

    /// <summary>The version metadata document.</summary>
    public static JsonObject Build(ParticipantIdentity identity) => new()
    {
        ["protocolVersions"] = new JsonArray(new JsonObject
        {
            ["version"] = DspPaths.Version,
            ["path"] = DspPaths.Base,
            ["binding"] = "HTTPS",
            ["identifierType"] = "did:web",
            ["serviceId"] = identity.Did + "#dsp",
        }),
    };
}
