using System.Collections.Frozen;

namespace Dataspace.JsonLd.Loading;

/// <summary>Offline loader serving the context documents embedded in this assembly (DSP 2025-1, ODRL 2.2, VC 1.1/2.0, security); never touches the network.</summary>
/// <remarks>
/// DCAT 3, Dublin Core, HealthDCAT-AP, DPV and Gaia-X publish no JSON-LD context that is available offline,
/// so none is bundled for them: documents must map those vocabularies in their own inline contexts.
/// </remarks>
public sealed class BundledContextLoader : IDocumentLoader
{
    private static readonly FrozenDictionary<string, string> ResourceByUrl = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["https://w3id.org/dspace/2025/1/context.jsonld"] = "dspace-2025-1-context.jsonld",
        ["https://w3id.org/dspace/2025/1/odrl-profile.jsonld"] = "dspace-2025-1-odrl-profile.jsonld",
        ["http://www.w3.org/ns/odrl.jsonld"] = "odrl-2.2.jsonld",
        ["https://www.w3.org/ns/odrl.jsonld"] = "odrl-2.2.jsonld",
        ["https://www.w3.org/ns/credentials/v2"] = "credentials-v2.jsonld",
        ["https://www.w3.org/ns/credentials/examples/v2"] = "credentials-examples-v2.jsonld",
        ["https://www.w3.org/ns/credentials/undefined-terms/v2"] = "credentials-undefined-terms-v2.jsonld",
        ["https://www.w3.org/2018/credentials/v1"] = "credentials-v1.jsonld",
        ["https://www.w3.org/2018/credentials/examples/v1"] = "credentials-examples-v1.jsonld",
        ["https://w3id.org/security/v1"] = "security-v1.jsonld",
        ["https://w3id.org/security/v2"] = "security-v2.jsonld",
        ["https://w3id.org/security/suites/jws-2020/v1"] = "security-jws-2020-v1.jsonld",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, byte[]> _contentByResource;

    private BundledContextLoader()
    {
        var assembly = typeof(BundledContextLoader).Assembly;
        _contentByResource = ResourceByUrl.Values.Distinct(StringComparer.Ordinal).ToFrozenDictionary(
            name => name,
            name =>
            {
                using var stream = assembly.GetManifestResourceStream("Dataspace.JsonLd.Contexts." + name)
                    ?? throw new InvalidOperationException($"embedded context '{name}' is missing from the assembly");
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                return buffer.ToArray();
            },
            StringComparer.Ordinal);
    }

    /// <summary>The shared instance (the embedded contexts are read once); declared after the URL table it depends on.</summary>
    public static BundledContextLoader Instance { get; } = new();

    /// <summary>The URLs this loader can serve.</summary>
    public static IReadOnlyCollection<string> Urls => ResourceByUrl.Keys;

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!ResourceByUrl.TryGetValue(url, out var resource))
        {
            throw DocumentLoadFailure.For(url, "not a bundled context and network access is not allowed");
        }

        return new RemoteDocument(url, _contentByResource[resource]);
    }
}
