namespace Dataspace.JsonLd.Loading;

/// <summary>Serves URLs that start with a configured prefix from a local folder (URL prefix → folder), e.g. for tests or a CLI "--map URL-PREFIX=FOLDER".</summary>
public sealed class PrefixMappingDocumentLoader : IDocumentLoader
{
    private readonly (string Prefix, string Folder)[] _mappings;

    /// <summary>Creates a loader from (URL prefix, local folder) pairs; the longest matching prefix wins.</summary>
    public PrefixMappingDocumentLoader(IEnumerable<KeyValuePair<string, string>> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        _mappings = mappings
            .Select(m => (m.Key, Path.TrimEndingDirectorySeparator(Path.GetFullPath(m.Value)) + Path.DirectorySeparatorChar))
            .OrderByDescending(m => m.Key.Length)
            .ToArray();
    }

    /// <summary>Parses "URL-PREFIX=FOLDER" (the CLI syntax) into a mapping.</summary>
    public static KeyValuePair<string, string> ParseMapping(string mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var separator = mapping.LastIndexOf('=');
        if (separator <= 0 || separator == mapping.Length - 1)
        {
            throw new ArgumentException($"mapping '{mapping}' is not of the form URL-PREFIX=FOLDER", nameof(mapping));
        }

        return new(mapping[..separator], mapping[(separator + 1)..]);
    }

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var withoutFragment = url.Split('#')[0];
        foreach (var (prefix, folder) in _mappings)
        {
            if (!withoutFragment.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var relative = Uri.UnescapeDataString(withoutFragment[prefix.Length..].Split('?')[0]);
            var path = Path.GetFullPath(Path.Combine(folder, relative));
            // A mapped URL must never escape its folder through "..".
            if (!path.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(path))
            {
                throw DocumentLoadFailure.For(url, $"no file at '{path}'");
            }

            return new RemoteDocument(withoutFragment, File.ReadAllBytes(path), ContentTypeOf(path));
        }

        throw DocumentLoadFailure.For(url, "no prefix mapping matches");
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".jsonld" => "application/ld+json",
        ".json" => "application/json",
        ".html" => "text/html",
        _ => "application/octet-stream",
    };
}
