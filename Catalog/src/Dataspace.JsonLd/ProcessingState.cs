using Dataspace.JsonLd.Json;

namespace Dataspace.JsonLd;

/// <summary>Per-call processing state: options, and the remote contexts already dereferenced during this call.</summary>
internal sealed class ProcessingState(JsonLdOptions options)
{
    private readonly Dictionary<string, (string DocumentUrl, object? Document)> _loaded = new(StringComparer.Ordinal);

    public JsonLdOptions Options { get; } = options;

    public Dictionary<Context.ContextCacheKey, Context.ActiveContext> ProcessedContexts { get; } = [];

    public bool IsJsonLd10 => Options.IsJsonLd10;

    /// <summary>Loads and parses a remote document once per call; loader failures surface with <paramref name="errorCode"/>.</summary>
    public (string DocumentUrl, object? Document) Load(string url, string errorCode)
    {
        if (_loaded.TryGetValue(url, out var cached))
        {
            return cached;
        }

        Loading.RemoteDocument remote;
        try
        {
            remote = Options.DocumentLoader.LoadDocument(url);
        }
        catch (JsonLdException e) when (e.Code == JsonLdErrorCode.LoadingDocumentFailed && e.Code != errorCode)
        {
            throw new JsonLdException(errorCode, e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new JsonLdException(errorCode, $"cannot load '{url}': {e.Message}", e);
        }

        if (remote.ContentType is { } type && !IsJsonMediaType(type))
        {
            throw new JsonLdException(errorCode, $"'{url}' has media type '{type}', not JSON");
        }

        var loaded = (remote.DocumentUrl, JsonModel.Parse(remote.Content, Options.Limits, errorCode, url));
        _loaded[url] = loaded;
        return loaded;
    }

    private static bool IsJsonMediaType(string type) =>
        type is "application/json" or "application/ld+json" || type.EndsWith("+json", StringComparison.Ordinal);
}
