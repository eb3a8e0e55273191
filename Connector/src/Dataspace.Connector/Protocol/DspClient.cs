using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Protocol;

/// <summary>Calls peers over DSP: finds their endpoints through their DID documents and signs every request.</summary>
public sealed class DspClient(IHttpClientFactory httpClients, DidResolver resolver, SelfIssuedTokens tokens, IOptions<ConnectorOptions> options, TimeProvider time)
{
    /// <summary>The HttpClient name the client is registered under.</summary>
    public const string HttpClientName = "dsp";

    private HttpClient Http => httpClients.CreateClient(HttpClientName);

    // The versioned base changes as rarely as the DID document, so it is kept as long; without it every message costs an extra round trip.
    private readonly ConcurrentDictionary<string, (Uri BaseUrl, DateTimeOffset Expires)> _bases = new(StringComparer.Ordinal);

    /// <summary>The peer's version metadata, read from the location its DID document names.</summary>
    public async Task<JsonDocument> GetVersionMetadataAsync(string peerDid, CancellationToken cancellationToken = default)
    {
        var url = await VersionMetadataUrlAsync(peerDid, cancellationToken);
        using var response = await Http.GetAsync(url, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new DspProtocolException($"{peerDid} answered {(int)response.StatusCode} for its version metadata");
        return await ReadJsonAsync(response, cancellationToken);
    }

    /// <summary>The peer's versioned DSP base URL for 2025-1; fails when the peer does not speak it.</summary>
    public async Task<Uri> ResolveDspBaseAsync(string peerDid, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_bases.TryGetValue(peerDid, out var cached) && cached.Expires > now)
            return cached.BaseUrl;
        var metadataUrl = await VersionMetadataUrlAsync(peerDid, cancellationToken);
        using var metadata = await GetVersionMetadataAsync(peerDid, cancellationToken);
        var path = VersionPath(metadata.RootElement)
            ?? throw new DspProtocolException($"{peerDid} does not speak DSP {DspPaths.Version}");
        var baseUrl = new Uri(metadataUrl, path.TrimEnd('/'));
        _bases[peerDid] = (baseUrl, now + options.Value.Identity.DidCacheDuration);
        return baseUrl;
    }

    private static string? VersionPath(JsonElement metadata)
    {
        if (!metadata.TryGetProperty("protocolVersions", out var versions) || versions.ValueKind != JsonValueKind.Array)
            return null;
        foreach (var version in versions.EnumerateArray())
        {
            if (version.ValueKind == JsonValueKind.Object
                && version.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() == DspPaths.Version
                && version.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String && p.GetString() is { } path && path.StartsWith('/'))
                return path;
        }
        return null;
    }

    /// <summary>
    /// True when <paramref name="callbackAddress"/> is the peer's own DSP base as its DID document publishes it. Messages
    /// are always sent by DID, never to a claimed address, so a forged callback cannot aim this connector anywhere (SSRF).
    /// </summary>
    public async Task<bool> IsOwnDspBaseAsync(string peerDid, string callbackAddress, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(callbackAddress.TrimEnd('/'), UriKind.Absolute, out var claimed))
            return false;
        try
        {
            var published = await ResolveDspBaseAsync(peerDid, cancellationToken);
            return Uri.Compare(claimed, new Uri(published.ToString().TrimEnd('/')), UriComponents.SchemeAndServer | UriComponents.Path,
                UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
        }
        catch (Exception e) when (e is DidResolutionException or DspProtocolException or HttpRequestException or JsonException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// True when <paramref name="endpoint"/> is, or lies below, a <paramref name="serviceType"/> endpoint the peer's DID
    /// document publishes on the peer's own host. Like the callback check, this keeps a message from aiming this connector
    /// (and the data it sends) at a URL the peer merely claims.
    /// </summary>
    public async Task<bool> IsPublishedEndpointAsync(string peerDid, string serviceType, string endpoint, CancellationToken cancellationToken = default)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var claimed) || claimed.Scheme is not ("http" or "https")
            || claimed.UserInfo.Length > 0 || claimed.Query.Length > 0 || claimed.Fragment.Length > 0)
            return false;
        try
        {
            var document = await resolver.ResolveAsync(peerDid, cancellationToken);
            var didHost = DidWeb.DocumentUrl(peerDid, options.Value.Identity.InsecureHosts);
            return document.Service.Where(s => s.Type == serviceType).Any(s =>
                Uri.TryCreate(s.ServiceEndpoint, UriKind.Absolute, out var published)
                && SameOrigin(published, didHost) && SameOrigin(claimed, published) && IsAtOrBelow(claimed.AbsolutePath, published.AbsolutePath));
        }
        catch (Exception e) when (e is DidResolutionException or HttpRequestException or JsonException or TaskCanceledException)
        {
            return false;
        }
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    // Each segment below the published path must stay a segment: no '..', and no escaped '/' or '\' that a server could
    // decode into a way out of it.
    private static bool IsAtOrBelow(string path, string basePath)
    {
        var root = basePath.TrimEnd('/');
        if (path.TrimEnd('/') == root)
            return true;
        if (!path.StartsWith(root + "/", StringComparison.Ordinal))
            return false;
        return path[(root.Length + 1)..].Split('/').All(segment =>
            Uri.UnescapeDataString(segment) is var s && s is not ("." or "..") && !s.Contains('/', StringComparison.Ordinal) && !s.Contains('\\', StringComparison.Ordinal));
    }

    /// <summary>Sends a signed request to <paramref name="relativePath"/> under the peer's DSP base.</summary>
    public async Task<HttpResponseMessage> SendAsync(string peerDid, HttpMethod method, string relativePath, JsonNode? body, CancellationToken cancellationToken = default)
    {
        var baseUrl = await ResolveDspBaseAsync(peerDid, cancellationToken);
        using var request = new HttpRequestMessage(method, new Uri(baseUrl + "/" + relativePath.TrimStart('/')));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(peerDid, options.Value.Identity.TokenLifetime));
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await Http.SendAsync(request, cancellationToken);
    }

    /// <summary>Requests the peer's catalog with a <c>CatalogRequestMessage</c>.</summary>
    public async Task<HttpResponseMessage> RequestCatalogAsync(string peerDid, CancellationToken cancellationToken = default)
    {
        var message = new JsonObject
        {
            ["@context"] = new JsonArray(DspPaths.Context),
            ["@type"] = "CatalogRequestMessage",
        };
        return await SendAsync(peerDid, HttpMethod.Post, "catalog/request", message, cancellationToken);
    }

    private async Task<Uri> VersionMetadataUrlAsync(string peerDid, CancellationToken cancellationToken)
    {
        var document = await resolver.ResolveAsync(peerDid, cancellationToken);
        var endpoint = document.ServiceEndpoint("DataService")
            ?? throw new DspProtocolException($"{peerDid} publishes no DataService endpoint");
        // The peer may only point at its own host: a DID document must not turn this connector into a proxy (SSRF).
        var didHost = DidWeb.DocumentUrl(peerDid, options.Value.Identity.InsecureHosts);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var url) || url.Scheme != didHost.Scheme || url.Authority != didHost.Authority)
            throw new DspProtocolException($"{peerDid} names a DataService endpoint outside its own host");
        return url;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
    }
}

/// <summary>A peer answered in a way the protocol does not allow.</summary>
public sealed class DspProtocolException : Exception
{
    public DspProtocolException(string message) : base(message) { }

    public DspProtocolException(string message, Exception innerException) : base(message, innerException) { }

    public DspProtocolException() { }
}
