namespace Dataspace.JsonLd.Loading;

internal static class DocumentLoadFailure
{
    public static JsonLdException For(string url, string reason) =>
        new(JsonLdErrorCode.LoadingDocumentFailed, $"cannot load '{url}': {reason}");
}
