namespace Dataspace.JsonLd.Loading;

/// <summary>Tries several loaders in order and returns the first document found.</summary>
public sealed class ChainedDocumentLoader : IDocumentLoader
{
    private readonly IDocumentLoader[] _loaders;

    /// <summary>Creates a loader that asks <paramref name="loaders"/> in order.</summary>
    public ChainedDocumentLoader(params IDocumentLoader[] loaders)
    {
        ArgumentNullException.ThrowIfNull(loaders);
        _loaders = loaders;
    }

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url)
    {
        var reasons = new List<string>();
        foreach (var loader in _loaders)
        {
            try
            {
                return loader.LoadDocument(url);
            }
            catch (JsonLdException e) when (e.Code == JsonLdErrorCode.LoadingDocumentFailed)
            {
                reasons.Add(e.Message);
            }
        }

        throw DocumentLoadFailure.For(url, reasons.Count == 0 ? "no loader configured" : string.Join("; ", reasons));
    }
}
