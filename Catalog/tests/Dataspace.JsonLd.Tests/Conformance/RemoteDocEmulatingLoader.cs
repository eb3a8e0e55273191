using System.Text.Json.Nodes;
using Dataspace.JsonLd.Loading;

namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>Emulates the suite server's HTTP behaviour for one remote-doc test (redirects, media types, Link headers; see remote-doc/.htaccess) over the local copy.</summary>
internal sealed class RemoteDocEmulatingLoader(SuiteEntry entry, IDocumentLoader files) : IDocumentLoader
{
    public RemoteDocument LoadDocument(string url)
    {
        if (url != SuiteManifest.BaseIri + entry.Input)
        {
            return files.LoadDocument(url);
        }

        if (entry.OptionString("redirectTo") is { } target)
        {
            url = SuiteManifest.BaseIri + target;
        }

        var document = files.LoadDocument(url);
        var contentType = entry.OptionString("contentType") ?? document.ContentType;
        var links = entry.Option["httpLink"] switch
        {
            JsonArray many => many.Select(l => l!.GetValue<string>()).ToArray(),
            JsonValue one => [one.GetValue<string>()],
            _ => [],
        };
        var (contextUrl, alternateUrl) = LinkHeaders.Interpret(document.DocumentUrl, contentType, links);
        if (alternateUrl is not null)
        {
            return files.LoadDocument(alternateUrl);
        }

        return document with { ContentType = contentType, ContextUrl = contextUrl };
    }
}
