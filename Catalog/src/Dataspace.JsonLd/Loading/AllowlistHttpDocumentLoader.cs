using System.Net;
using System.Net.Http.Headers;

namespace Dataspace.JsonLd.Loading;

/// <summary>Fetches documents over HTTP(S), but only for URLs starting with an explicitly allowed prefix (redirects and alternate links included), with a timeout and a size limit.</summary>
public sealed class AllowlistHttpDocumentLoader : IDocumentLoader
{
    private const int MaxRedirects = 5;
    private readonly string[] _allowedPrefixes;
    private readonly HttpClient _client;
    private readonly long _maxBytes;

    /// <summary>Creates a loader that may fetch URLs under <paramref name="allowedPrefixes"/> using <paramref name="client"/>.</summary>
    /// <param name="allowedPrefixes">URL prefixes ending with '/' (e.g. "https://w3id.org/dspace/"); nothing else is fetched.</param>
    /// <param name="client">An HttpClient whose handler does NOT follow redirects automatically (redirect targets are checked against the allowlist here).</param>
    /// <param name="timeout">Per-request timeout.</param>
    /// <param name="maxBytes">Maximum response body size.</param>
    public AllowlistHttpDocumentLoader(IEnumerable<string> allowedPrefixes, HttpClient client, TimeSpan timeout, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(allowedPrefixes);
        ArgumentNullException.ThrowIfNull(client);
        _allowedPrefixes = allowedPrefixes.ToArray();
        _client = client;
        Timeout = timeout;
        _maxBytes = maxBytes;
    }

    /// <summary>Per-request timeout.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Creates the HttpClient this loader expects: no automatic redirects, no cookies.</summary>
    public static HttpClient CreateHttpClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }, disposeHandler: true);

    /// <inheritdoc />
    public RemoteDocument LoadDocument(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var current = url;
        for (var redirect = 0; redirect <= MaxRedirects; redirect++)
        {
            if (!IsAllowed(current))
            {
                throw DocumentLoadFailure.For(current, "URL is not in the network allowlist");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
            using var cancellation = new CancellationTokenSource(Timeout);
            HttpResponseMessage response;
            try
            {
                response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
            {
                throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"cannot load '{current}': {e.Message}", e);
            }

            using (response)
            {
                if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                    or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect
                    && response.Headers.Location is { } location)
                {
                    current = new Uri(new Uri(current), location).AbsoluteUri;
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw DocumentLoadFailure.For(current, $"HTTP {(int)response.StatusCode}");
                }

                var contentType = response.Content.Headers.ContentType?.MediaType;
                var links = response.Headers.TryGetValues("Link", out var values) ? values : [];
                var (contextUrl, alternateUrl) = LinkHeaders.Interpret(current, contentType, links);
                if (alternateUrl is not null)
                {
                    current = alternateUrl;
                    continue;
                }

                return new RemoteDocument(current, ReadLimited(response, current, cancellation.Token), contentType, contextUrl);
            }
        }

        throw DocumentLoadFailure.For(url, "too many redirects");
    }

    // Prefixes should end with '/' so that "https://host/" cannot match "https://host.evil/"; user info is refused so "https://host@evil/" cannot pass either.
    private bool IsAllowed(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.UserInfo.Length == 0
        && _allowedPrefixes.Any(prefix => url.StartsWith(prefix, StringComparison.Ordinal));

    private byte[] ReadLimited(HttpResponseMessage response, string url, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _maxBytes)
        {
            throw DocumentLoadFailure.For(url, $"document is larger than {_maxBytes} bytes");
        }

        using var stream = response.Content.ReadAsStream(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > _maxBytes)
            {
                throw DocumentLoadFailure.For(url, $"document is larger than {_maxBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
