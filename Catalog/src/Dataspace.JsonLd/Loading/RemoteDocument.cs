namespace Dataspace.JsonLd.Loading;

/// <summary>A loaded document: its final URL (after redirects), raw JSON bytes, media type and an optional context from an HTTP Link header.</summary>
public sealed record RemoteDocument(string DocumentUrl, ReadOnlyMemory<byte> Content, string? ContentType = "application/ld+json", string? ContextUrl = null);
