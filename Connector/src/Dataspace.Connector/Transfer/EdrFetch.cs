using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Consumer side: <c>GET /api/management/v1/transfers/{id}/data?resourceType=Observation&amp;patient=…[&amp;code=…]</c>
/// fetches through the transfer's EDR and streams the provider's NDJSON answer through unchanged. The EDR's endpoint
/// must lie on the provider's own origin as its DID document publishes it, so a provider cannot aim this connector elsewhere.
/// </summary>
public static class EdrFetch
{
    /// <summary>The named HTTP client for data-plane calls (no redirects).</summary>
    public const string HttpClientName = "dataplane";

    /// <summary>Fetches and streams; problems come back as RFC 9457 problems, the provider's refusals with its status and JSON.</summary>
    public static async Task<IResult> FetchAsync(string id, HttpContext context, TransferStore store, DspClient dsp, IHttpClientFactory clients)
    {
        ArgumentNullException.ThrowIfNull(context);
        var transfer = await store.FindAsync(id, context.RequestAborted);
        if (transfer is null || transfer.Role != NegotiationRole.Consumer)
            return Problems.NotFound("No transfer with that id under which this connector consumes.");
        if (transfer.State != TransferState.Started || transfer.DataAddress is not { } address || DataAddress.Property(address, "authorization") is not { } token)
            return Problems.Conflict($"The transfer is {transfer.State.ToWire()} and holds no EDR.");
        var resourceType = context.Request.Query["resourceType"].ToString();
        if (resourceType.Length == 0 || !resourceType.All(char.IsAsciiLetter))
            return Problems.BadRequest("'resourceType' is required, e.g. Observation.");
        var endpoint = new Uri(address["endpoint"]!.GetValue<string>().TrimEnd('/') + "/" + resourceType
            + QueryString.Create(context.Request.Query.Where(q => q.Key != "resourceType")).ToUriComponent());
        try
        {
            var provider = await dsp.ResolveDspBaseAsync(transfer.CounterPartyDid, context.RequestAborted);
            if (Uri.Compare(endpoint, provider, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
                return Problems.BadGateway("The EDR's endpoint is not on the provider's published origin.");
        }
        catch (Exception e) when (e is DidResolutionException or DspProtocolException or HttpRequestException or TaskCanceledException)
        {
            return Problems.BadGateway(e.Message);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
        await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        return Results.Empty;
    }
}
