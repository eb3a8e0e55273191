using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.JsonLd.Json;

namespace Dataspace.JsonLd;

/// <summary>A document handed to the API: already parsed, or an IRI still to be loaded through the document loader.</summary>
internal sealed class Input
{
    private readonly Func<ProcessingState, LoadedInput> _load;

    private Input(Func<ProcessingState, LoadedInput> load) => _load = load;

    public static Input FromNode(JsonNode? node) =>
        new(state => new LoadedInput(JsonModel.FromNode(node, state.Options.Limits.MaxJsonDepth, 0), null, null));

    public static Input FromElement(JsonElement element) =>
        new(state => new LoadedInput(JsonModel.FromElement(element, state.Options.Limits.MaxJsonDepth, 0), null, null));

    public static Input FromUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new(state => LoadRemote(state, url.OriginalString));
    }

    public LoadedInput Load(ProcessingState state) => _load(state);

    private static LoadedInput LoadRemote(ProcessingState state, string url)
    {
        Loading.RemoteDocument remote;
        try
        {
            remote = state.Options.DocumentLoader.LoadDocument(url);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"cannot load '{url}': {e.Message}", e);
        }

        if (remote.ContentType is { } type && type != "application/json" && type != "application/ld+json" && !type.EndsWith("+json", StringComparison.Ordinal))
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"'{url}' has media type '{type}', not JSON");
        }

        var document = JsonModel.Parse(remote.Content, state.Options.Limits, JsonLdErrorCode.LoadingDocumentFailed, url);
        return new LoadedInput(document, remote.DocumentUrl, remote.ContextUrl);
    }
}

/// <summary>A parsed input document with the URL it came from (its base) and an optional Link-header context.</summary>
internal sealed record LoadedInput(object? Document, string? DocumentUrl, string? ContextUrl);
