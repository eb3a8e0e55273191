using Dataspace.Connector.Ledger;

namespace Dataspace.Connector.Cli;

/// <summary>The HTTP side of <c>dataspace ledger</c>: a client with the ledger's limits, and unreachable servers as input errors.</summary>
internal static class LedgerCommandHttp
{
    /// <summary>A client that follows no redirect and buffers at most <see cref="LedgerClient.MaxResponseBytes"/> per answer.</summary>
    public static HttpClient Create() =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(60),
            MaxResponseContentBufferSize = LedgerClient.MaxResponseBytes,
        };

    /// <summary>Runs a read; a server that cannot be reached or answers outside the API becomes a <see cref="LedgerInputException"/>.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return await read();
        }
        catch (Exception e) when (e is HttpRequestException or LedgerClientException or TaskCanceledException)
        {
            throw new LedgerInputException(e.Message, e);
        }
    }
}
