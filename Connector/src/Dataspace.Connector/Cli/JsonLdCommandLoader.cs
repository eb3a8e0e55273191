using Dataspace.JsonLd;
using Dataspace.JsonLd.Loading;

namespace Dataspace.Connector.Cli;

/// <summary>The document loader of one <c>dataspace jsonld</c> run: <c>--map</c> folders first, then the bundled contexts, then the network under <c>--allow-remote</c> prefixes only.</summary>
public sealed class JsonLdCommandLoader : IDisposable
{
    private static readonly TimeSpan RemoteTimeout = TimeSpan.FromSeconds(10);
    private readonly HttpClient? _http;
    private readonly List<KeyValuePair<string, string>> _mappings;

    private JsonLdCommandLoader(IDocumentLoader loader, HttpClient? http, List<KeyValuePair<string, string>> mappings)
    {
        Loader = loader;
        _http = http;
        _mappings = mappings;
    }

    /// <summary>The loader to put in <see cref="JsonLdOptions.DocumentLoader"/>.</summary>
    public IDocumentLoader Loader { get; }

    /// <summary>Builds the loader; throws <see cref="JsonLdCommandUsageException"/> for a malformed mapping, a missing folder or an unsafe prefix.</summary>
    public static JsonLdCommandLoader Create(IEnumerable<string> maps, IEnumerable<string> allowedPrefixes, JsonLdLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        // User mappings come first so a local copy can stand in for a bundled context too.
        var loaders = new List<IDocumentLoader>();
        var mappings = maps.Select(ParseMapping).ToList();
        if (mappings.Count > 0)
        {
            loaders.Add(new PrefixMappingDocumentLoader(mappings));
        }

        loaders.Add(BundledContextLoader.Instance);
        var prefixes = allowedPrefixes.Select(CheckPrefix).ToList();
        HttpClient? http = null;
        if (prefixes.Count > 0)
        {
            http = AllowlistHttpDocumentLoader.CreateHttpClient();
            loaders.Add(new AllowlistHttpDocumentLoader(prefixes, http, RemoteTimeout, limits.MaxDocumentSize));
        }

        return new JsonLdCommandLoader(loaders.Count == 1 ? loaders[0] : new ChainedDocumentLoader([.. loaders]), http, mappings);
    }

    /// <summary>The URL a local file stands for when it lies inside a <c>--map</c> folder (the longest prefix wins), else null.</summary>
    public Uri? UrlOf(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var path = Path.GetFullPath(file);
        foreach (var (prefix, folder) in _mappings.OrderByDescending(m => m.Key.Length))
        {
            var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
            if (path.StartsWith(root, StringComparison.Ordinal))
            {
                var segments = path[root.Length..].Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString);
                return new Uri(prefix + string.Join('/', segments));
            }
        }

        return null;
    }

    /// <inheritdoc />
    public void Dispose() => _http?.Dispose();

    private static KeyValuePair<string, string> ParseMapping(string value)
    {
        KeyValuePair<string, string> mapping;
        try
        {
            mapping = PrefixMappingDocumentLoader.ParseMapping(value);
        }
        catch (ArgumentException)
        {
            throw new JsonLdCommandUsageException($"--map '{value}' is not of the form URL-PREFIX=FOLDER");
        }

        return Directory.Exists(mapping.Value)
            ? mapping
            : throw new JsonLdCommandUsageException($"--map '{value}': folder '{mapping.Value}' does not exist");
    }

    // The prefix must reach past the authority ("https://host/"), or "https://host" would also allow "https://host.evil.example".
    private static string CheckPrefix(string prefix)
    {
        if (!Uri.TryCreate(prefix, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new JsonLdCommandUsageException($"--allow-remote '{prefix}' is not an http(s) URL");
        }

        return prefix.IndexOf('/', uri.Scheme.Length + "://".Length) > 0
            ? prefix
            : throw new JsonLdCommandUsageException($"--allow-remote '{prefix}' must include the path after the host, at least '/' (e.g. {prefix}/)");
    }
}
