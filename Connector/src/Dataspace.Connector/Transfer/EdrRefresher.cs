using System.Net.Http.Headers;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Consumer: refreshes a transfer's EDR at the provider's <c>refreshEndpoint</c> (RFC 6749 §6, authenticated by this
/// connector's self-issued ID token) and stores the new tokens. Refreshes of one transfer run one at a time: the provider
/// rotates refresh tokens and treats a second use of one as theft, so two concurrent fetches must not both refresh.
/// </summary>
public sealed class EdrRefresher(
    TransferStore store, SelfIssuedTokens tokens, IHttpClientFactory clients, IOptions<ConnectorOptions> options, TimeProvider time)
{
    private const int Attempts = 5;
    private const int MaxAnswerBytes = 64 * 1024;
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Refreshes the EDR of consumer transfer <paramref name="id"/> whose token <paramref name="staleToken"/> is expiring,
    /// unless another request refreshed it meanwhile. The refresh endpoint must lie on <paramref name="providerOrigin"/>.
    /// Returns the transfer holding the EDR to use, or a problem to report (nothing is changed then).
    /// </summary>
    public async Task<(TransferProcess? Transfer, string? Problem)> RefreshAsync(string id, string staleToken, Uri providerOrigin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var gate = _gates[(uint)StringComparer.Ordinal.GetHashCode(id) % (uint)_gates.Length];
        await gate.WaitAsync(cancellationToken);
        try
        {
            var transfer = await store.FindAsync(id, cancellationToken);
            if (transfer?.DataAddress is not { } address || transfer.State != TransferState.Started)
                return (null, "The transfer is no longer STARTED.");
            if (DataAddress.Property(address, "authorization") != staleToken)
                return (transfer, null);
            if (DataAddress.Property(address, DataAddress.RefreshTokenProperty) is not { } refreshToken
                || !Uri.TryCreate(DataAddress.Property(address, DataAddress.RefreshEndpointProperty), UriKind.Absolute, out var endpoint))
                return (null, "The EDR carries no refresh token and refresh endpoint.");
            if (Uri.Compare(endpoint, providerOrigin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                return (null, "The EDR's refresh endpoint is not on the provider's published origin.");

            var (answer, problem) = await PostAsync(endpoint, refreshToken, transfer.CounterPartyDid, cancellationToken);
            if (answer is null)
                return (null, problem);
            return await StoreAsync(transfer, staleToken, answer.Value, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<((string Access, string Refresh, long ExpiresIn)? Answer, string? Problem)> PostAsync(
        Uri endpoint, string refreshToken, string providerDid, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(providerDid, options.Value.Identity.TokenLifetime));
        try
        {
            using var response = await clients.CreateClient(EdrFetch.HttpClientName).SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(MaxAnswerBytes, cancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = body.RootElement;
            if (!response.IsSuccessStatusCode)
                return (null, $"The provider refused the refresh ({(int)response.StatusCode} {Text(root, "error")}): {Text(root, "error_description")}");
            if (Text(root, "access_token") is not { Length: > 0 } access || Text(root, "refresh_token") is not { Length: > 0 } refresh
                || !root.TryGetProperty("expires_in", out var expires) || !expires.TryGetInt64(out var seconds) || seconds < 0)
                return (null, "The provider's refresh answer lacks access_token, refresh_token or expires_in.");
            return ((access, refresh, seconds), null);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (null, "The refresh failed: " + e.Message);
        }
    }

    private async Task<(TransferProcess? Transfer, string? Problem)> StoreAsync(
        TransferProcess transfer, string staleToken, (string Access, string Refresh, long ExpiresIn) answer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            transfer.DataAddress = DataAddress.Refreshed(transfer.DataAddress!, answer.Access, answer.Refresh, answer.ExpiresIn);
            transfer.TokenExpiresAt = now + TimeSpan.FromSeconds(answer.ExpiresIn);
            if (await store.UpdateAsync(transfer, [], cancellationToken))
                return (transfer, null);
            var fresh = await store.FindAsync(transfer.Id, cancellationToken);
            if (fresh?.DataAddress is not { } address || fresh.State != TransferState.Started)
                return (null, "The transfer left STARTED during the refresh.");
            // A start message that arrived meanwhile carries newer tokens than this refresh (the provider replaced ours).
            if (DataAddress.Property(address, "authorization") != staleToken)
                return (fresh, null);
            transfer = fresh;
        }
        return (null, "The transfer kept changing; the refreshed EDR was not stored.");
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
