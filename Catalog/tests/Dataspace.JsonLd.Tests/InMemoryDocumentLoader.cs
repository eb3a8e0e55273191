using System.Text;
using Dataspace.JsonLd.Loading;

namespace Dataspace.JsonLd.Tests;

/// <summary>Serves fixed JSON texts by URL, for unit tests that need remote contexts without files or network.</summary>
internal sealed class InMemoryDocumentLoader(IReadOnlyDictionary<string, string> documents) : IDocumentLoader
{
    public List<string> Requests { get; } = [];

    public RemoteDocument LoadDocument(string url)
    {
        Requests.Add(url);
        return documents.TryGetValue(url, out var json)
            ? new RemoteDocument(url, Encoding.UTF8.GetBytes(json))
            : throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"no document for {url}");
    }
}
