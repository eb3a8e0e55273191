using System.Collections.Concurrent;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Identity;

/// <summary>Resolves did:web identifiers over HTTP, with a timeout, a size limit and a cache of good documents. A singleton, so the cache is shared.</summary>
public sealed class DidResolver(IHttpClientFactory httpClients, IOptions<ConnectorOptions> options, TimeProvider time)
{
    /// <summary>The HttpClient name the resolver is registered under.</summary>
    public const string HttpClientName = "did-resolver";

    private const int MaxDocumentBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, (DidDocument Document, DateTimeOffset Expires)> _cache = new(StringComparer.Ordinal);

    /// <summary>The DID document of <paramref name="did"/>; throws <see cref="DidResolutionException"/> on any failure.</summary>
    public async Task<DidDocument> ResolveAsync(string did, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(did, out var cached) && cached.Expires > now)
            return cached.Document;

        var identity = options.Value.Identity;
        var url = DidWeb.DocumentUrl(did, identity.InsecureHosts);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(identity.ResolveTimeout);
        DidDocument? document;
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (!response.IsSuccessStatusCode)
                throw new DidResolutionException($"DID document request answered {(int)response.StatusCode}");
            if (response.Content.Headers.ContentLength > MaxDocumentBytes)
                throw new DidResolutionException("DID document too large");
            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            using var limited = new MemoryStream();
            await CopyLimitedAsync(body, limited, timeout.Token);
            limited.Position = 0;
            document = await JsonSerializer.DeserializeAsync<DidDocument>(limited, cancellationToken: timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DidResolutionException("DID resolution timed out");
        }
        catch (HttpRequestException e)
        {
            throw new DidResolutionException("DID document unreachable", e);
        }
        catch (JsonException e)
        {
            throw new DidResolutionException("DID document is not valid JSON", e);
        }

        // A document that claims another id would let one host speak for another DID.
        if (document is null || document.Id != did)
            throw new DidResolutionException("DID document id does not match the DID");
        _cache[did] = (document, now + identity.DidCacheDuration);
        return document;
    }

    private static async Task CopyLimitedAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (destination.Length + read > MaxDocumentBytes)
                throw new DidResolutionException("DID document too large");
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }
}
