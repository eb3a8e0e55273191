namespace Dataspace.JsonLd.Loading;

/// <summary>Dereferences an IRI to a JSON(-LD) document; implementations throw <see cref="JsonLdException"/> with "loading document failed" when they cannot.</summary>
public interface IDocumentLoader
{
    /// <summary>Loads the document at <paramref name="url"/> (an absolute IRI).</summary>
    RemoteDocument LoadDocument(string url);
}
