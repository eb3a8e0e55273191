using System.Net;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Management;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Consumer side: <c>GET /api/management/v1/transfers/{id}/data?resourceType=Observation&amp;patient=…[&amp;code=…]</c>
/// fetches through the transfer's EDR and streams the provider's NDJSON answer through unchanged. The EDR's endpoint
/// must lie on the provider's own origin as its DID document publishes it, so a provider cannot aim this connector elsewhere.
/// A token within its margin of expiry is refreshed first (<see cref="EdrRefresher"/>), and once more if the provider
/// still answers 401 <c>expired_token</c>. An <c>X-Break-Glass</c> header is passed on to the provider.
/// </summary>
public static class EdrFetch
{
    /// <summary>The named HTTP client for data-plane calls (no redirects).</summary>
    public const string HttpClientName = "dataplane";

    private const int MaxErrorBytes = 64 * 1024;

    /// <summary>Fetches and streams; problems come back as RFC 9457 problems, the provider's refusals with its status and JSON.</summary>
    public static async Task<IResult> FetchAsync(
        string id, HttpContext context, TransferStore store, DspClient dsp, IHttpClientFactory clients, EdrRefresher refresher, TimeProvider time,
        ILogger<EdrRefresher> logger)
    {
        ArgumentNullException.ThrowIfNull(context);
        // What comes back is patient data: as for /fhir and pushed data, operators only, even though this is a GET.
        if (context.Items[nameof(ManagementRoles)] as string != ManagementRoles.Operator)
            return Problems.Forbidden("Fetched data is patient data: operators only.");
        var transfer = await store.FindAsync(id, context.RequestAborted);
        if (transfer is null || transfer.Role != NegotiationRole.Consumer)
            return Problems.NotFound("No transfer with that id under which this connector consumes.");
        if (transfer.State != TransferState.Started || transfer.DataAddress is null || DataAddress.Property(transfer.DataAddress, "authorization") is null)
            return Problems.Conflict($"The transfer is {transfer.State.ToWire()} and holds no EDR.");
        var resourceType = context.Request.Query["resourceType"].ToString();
        if (resourceType.Length == 0 || !resourceType.All(char.IsAsciiLetter))
            return Problems.BadRequest("'resourceType' is required, e.g. Observation.");
        var query = QueryString.Create(context.Request.Query.Where(q => q.Key != "resourceType")).ToUriComponent();
        Uri provider;
        try
        {
            provider = await dsp.ResolveDspBaseAsync(transfer.CounterPartyDid, context.RequestAborted);
        }
        catch (Exception e) when (e is DidResolutionException or DspProtocolException or HttpRequestException or TaskCanceledException)
        {
            return Problems.BadGateway(e.Message);
        }
        var breakGlass = context.Request.Headers[DataPlaneEndpoints.BreakGlassHeader];
        if (breakGlass.Count > 0)
            logger.LogWarning("Transfer {Id}: break-glass declared to {Provider}", transfer.Id, transfer.CounterPartyDid);

        // One refresh per fetch at most: ahead of expiry, or when the provider calls the token expired.
        var refreshTried = false;
        if (EdrExpiry.IsDue(transfer, time.GetUtcNow()))
        {
            transfer = await RefreshAsync(transfer, provider, refresher, logger, context.RequestAborted);
            refreshTried = true;
        }
        while (true)
        {
            var address = transfer.DataAddress!;
            var endpoint = new Uri(address["endpoint"]!.GetValue<string>().TrimEnd('/') + "/" + resourceType + query);
            if (Uri.Compare(endpoint, provider, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                return Problems.BadGateway("The EDR's endpoint is not on the provider's published origin.");
            using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DataAddress.Property(address, "authorization"));
            if (breakGlass.Count > 0)
                request.Headers.TryAddWithoutValidation(DataPlaneEndpoints.BreakGlassHeader, (IEnumerable<string?>)breakGlass);
            HttpResponseMessage response;
            try
            {
                response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            }
            catch (HttpRequestException e)
            {
                return Problems.BadGateway(e.Message);
            }
            using var answer = response;
            if (response.StatusCode == HttpStatusCode.Unauthorized && !refreshTried)
            {
                // The provider's clock is the one that counts: a token it calls expired is refreshed once and the fetch retried.
                try
                {
                    await response.Content.LoadIntoBufferAsync(MaxErrorBytes, context.RequestAborted);
                }
                catch (HttpRequestException)
                {
                    return Problems.BadGateway("The provider's error answer is too large.");
                }
                if (await IsExpiredTokenAsync(response, context.RequestAborted))
                {
                    var stale = transfer;
                    transfer = await RefreshAsync(transfer, provider, refresher, logger, context.RequestAborted);
                    refreshTried = true;
                    if (!ReferenceEquals(transfer, stale))
                        continue;
                }
            }
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
            return Results.Empty;
        }
    }

    /// <summary>Refreshes; on failure logs why and keeps the old EDR, whose refusal by the provider the caller then sees.</summary>
    private static async Task<TransferProcess> RefreshAsync(
        TransferProcess transfer, Uri provider, EdrRefresher refresher, ILogger logger, CancellationToken cancellationToken)
    {
        var stale = DataAddress.Property(transfer.DataAddress, "authorization")!;
        var (renewed, problem) = await refresher.RefreshAsync(transfer.Id, stale, provider, cancellationToken);
        if (renewed is not null)
            return renewed;
        logger.LogWarning("Transfer {Id}: EDR refresh failed: {Problem}", transfer.Id, problem);
        return transfer;
    }

    private static async Task<bool> IsExpiredTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return error.RootElement.ValueKind == JsonValueKind.Object && error.RootElement.TryGetProperty("error", out var code)
                && code.ValueKind == JsonValueKind.String && code.GetString() == "expired_token";
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
