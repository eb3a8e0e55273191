namespace Dataspace.Connector.Protocol;

/// <summary>Where the Dataspace Protocol lives on this host.</summary>
public static class DspPaths
{
    /// <summary>The protocol version this connector speaks.</summary>
    public const string Version = "2025-1";

    /// <summary>The unversioned root; the version metadata names the versioned path below it.</summary>
    public const string Root = "/api/dsp";

    /// <summary>The versioned base every DSP endpoint hangs off.</summary>
    public const string Base = Root + "/" + Version;

    /// <summary>RFC 8615 well-known location of the version metadata, unauthenticated.</summary>
    public const string VersionMetadata = "/.well-known/dspace-version";

    /// <summary>Where the DID document is served.</summary>
    public const string DidDocument = "/.well-known/did.json";

    /// <summary>The JSON-LD context every DSP 2025-1 message carries.</summary>
    public const string Context = "https://w3id.org/dspace/2025/1/context.jsonld";
}
