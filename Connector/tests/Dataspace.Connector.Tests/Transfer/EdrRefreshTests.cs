using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// EDR refresh between two real connectors: the start message's DataAddress carries a refresh token and endpoint; a
/// refresh (RFC 6749 §6, signed by the consumer's DID key) rotates both tokens; a reused refresh token revokes the
/// transfer's live tokens; nothing refreshes outside STARTED; the consumer's fetch refreshes on its own across an expiry.
/// </summary>
public sealed class EdrRefreshTests(AutoTransferFederation federation) : IClassFixture<AutoTransferFederation>
{
    [Fact]
    public async Task The_start_message_carries_a_refresh_token_endpoint_and_audience_beside_the_access_token()
    {
        var edr = await StartedAsync();
        Assert.Equal(new Uri(federation.Provider.Identity.PublicUrl, EdrRefreshEndpoint.Path).ToString(), DataAddress.Property(edr.Address, DataAddress.RefreshEndpointProperty));
        Assert.Equal(federation.Provider.Identity.Did, DataAddress.Property(edr.Address, DataAddress.RefreshAudienceProperty));
        Assert.Equal("300", DataAddress.Property(edr.Address, "expiresIn"));
        Assert.NotEqual(edr.Token, edr.Refresh);
        // Only hashes are kept by the provider.
        var provider = await federation.Provider.Services.GetRequiredService<TransferStore>().FindAsync(edr.ProviderPid);
        Assert.Equal(EdrToken.Hash(edr.Refresh), provider!.RefreshTokenHash);
        Assert.DoesNotContain(edr.Refresh, JsonSerializer.Serialize(provider), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_gives_a_working_token_and_kills_the_old_access_token_and_the_old_refresh_token()
    {
        var edr = await StartedAsync();
        var (status, body, headers) = await RefreshAsync(federation.Consumer, edr.Endpoint, edr.Refresh);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(300, body.GetProperty("expires_in").GetInt64());
        Assert.True(headers.CacheControl?.NoStore);
        var token = body.GetProperty("access_token").GetString()!;
        var refresh = body.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(edr.Token, token);
        Assert.NotEqual(edr.Refresh, refresh);

        Assert.Equal(HttpStatusCode.OK, (await PullAsync(token)).Status);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), await PullAsync(edr.Token));
        var (reused, error, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, edr.Refresh);
        Assert.Equal(HttpStatusCode.BadRequest, reused);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Reusing_a_rotated_refresh_token_is_invalid_grant_and_revokes_the_transfers_current_tokens()
    {
        var edr = await StartedAsync();
        var (_, first, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, edr.Refresh);
        var (_, second, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, first.GetProperty("refresh_token").GetString()!);
        var current = second.GetProperty("access_token").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await PullAsync(current)).Status);

        var (status, error, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, first.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), await PullAsync(current));
        var (afterwards, _, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, second.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.BadRequest, afterwards);
        var provider = await TransferDriver.GetAsync(federation.Provider, edr.ProviderPid);
        Assert.Equal("STARTED", provider.GetProperty("state").GetString());
        Assert.Contains(provider.GetProperty("history").EnumerateArray(), e => e.GetProperty("message").GetString() == "EDR revoked");
    }

    [Theory]
    [InlineData("suspend", "SUSPENDED")]
    [InlineData("complete", "COMPLETED")]
    public async Task A_refresh_outside_STARTED_is_invalid_grant(string step, string state)
    {
        var edr = await StartedAsync();
        await NegotiationDriver.PostAsync(federation.Provider, $"transfers/{Uri.EscapeDataString(edr.ProviderPid)}/{step}", null, HttpStatusCode.OK);
        await TransferDriver.StateAsync(federation.Consumer, edr.ConsumerPid, state);

        var (status, error, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, edr.Refresh);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_grant", error.GetProperty("error").GetString());
        Assert.Contains(state, error.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.Equal(state, (await TransferDriver.GetAsync(federation.Provider, edr.ProviderPid)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Bad_refresh_requests_get_RFC_6749_errors_and_change_nothing()
    {
        var edr = await StartedAsync();
        using var http = new HttpClient();

        var (unsigned, error, headers) = await RefreshAsync(null, edr.Endpoint, edr.Refresh);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (unsigned, error.GetProperty("error").GetString()));
        Assert.Contains(headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        // The research institute is a member, but not this transfer's consumer.
        var (stranger, strangerError, _) = await RefreshAsync(federation.Research, edr.Endpoint, edr.Refresh);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (stranger, strangerError.GetProperty("error").GetString()));
        var (forged, forgedError, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, edr.Refresh[..^2] + "xx");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (forged, forgedError.GetProperty("error").GetString()));
        var (garbage, garbageError, _) = await RefreshAsync(federation.Consumer, edr.Endpoint, "not-a-token");
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (garbage, garbageError.GetProperty("error").GetString()));
        Assert.Equal("unsupported_grant_type", await PostAsync(http, edr.Endpoint, new FormUrlEncodedContent([new("grant_type", "password"), new("refresh_token", edr.Refresh)])));
        Assert.Equal("invalid_request", await PostAsync(http, edr.Endpoint, new FormUrlEncodedContent([new("grant_type", "refresh_token")])));
        Assert.Equal("invalid_request", await PostAsync(http, edr.Endpoint, new StringContent("""{"grant_type":"refresh_token"}""", Encoding.UTF8, "application/json")));
        Assert.Equal("invalid_request", await PostAsync(http, edr.Endpoint, new StringContent(
            "grant_type=refresh_token&refresh_token=a&refresh_token=b", Encoding.UTF8, "application/x-www-form-urlencoded")));

        // None of that touched the transfer: its tokens still work, and the refresh token is still good for one refresh.
        Assert.Equal(HttpStatusCode.OK, (await PullAsync(edr.Token)).Status);
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(federation.Consumer, edr.Endpoint, edr.Refresh)).Status);
    }

    [Fact]
    public async Task The_consumers_fetch_refreshes_an_expiring_token_by_itself_and_keeps_working_across_the_expiry()
    {
        // Lifetimes are seconds, not milliseconds, so a busy machine does not let a fresh token expire between refresh and use.
        await using var pair = await ShortLivedPairAsync(TimeSpan.FromSeconds(5));
        var first = await pair.EdrAsync();
        await Task.Delay(TimeSpan.FromSeconds(5.2));
        Assert.Equal((HttpStatusCode.Unauthorized, "expired_token"), await PullAsync(first.Token, pair.Provider));

        Assert.Equal(HttpStatusCode.OK, await pair.FetchAsync());
        var second = await pair.EdrAsync();
        Assert.NotEqual(first.Token, second.Token);
        Assert.NotEqual(first.Refresh, second.Refresh);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_token"), await PullAsync(first.Token, pair.Provider));
        Assert.Equal(HttpStatusCode.OK, await pair.FetchAsync());
    }

    [Fact]
    public async Task The_consumers_fetch_refreshes_once_when_the_provider_calls_its_token_expired()
    {
        await using var pair = await ShortLivedPairAsync(TimeSpan.FromSeconds(5));
        // The consumer is made to believe its EDR lives an hour; only the provider's 401 expired_token can tell it otherwise.
        var store = pair.Consumer.Services.GetRequiredService<TransferStore>();
        var transfer = (await store.FindAsync(pair.ConsumerPid))!;
        var first = await pair.EdrAsync();
        transfer.DataAddress = DataAddress.Refreshed(transfer.DataAddress!, first.Token, first.Refresh, 3600);
        Assert.True(await store.UpdateAsync(transfer, []));
        await Task.Delay(TimeSpan.FromSeconds(5.2));
        Assert.Equal((HttpStatusCode.Unauthorized, "expired_token"), await PullAsync(first.Token, pair.Provider));

        Assert.Equal(HttpStatusCode.OK, await pair.FetchAsync());
        Assert.NotEqual(first.Token, (await pair.EdrAsync()).Token);
    }

    [Fact]
    public void A_token_is_refreshed_ahead_of_expiry_by_a_tenth_of_its_lifetime_but_never_more_than_30_seconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), EdrExpiry.Margin(TimeSpan.FromMinutes(5)));
        Assert.Equal(TimeSpan.FromSeconds(30), EdrExpiry.Margin(TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), EdrExpiry.Margin(TimeSpan.FromSeconds(2)));

        var received = DateTimeOffset.Parse("2026-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var transfer = new TransferProcess
        {
            Id = "urn:uuid:c", Role = NegotiationRole.Consumer, CounterPartyDid = "did:web:p", AgreementId = "a", Format = TransferFormats.FhirPull,
            DataAddress = DataAddress.Pull(new Uri("https://p.example/x"), "t", TimeSpan.FromMinutes(5)),
        };
        transfer.Transition(TransferState.Started, TransferMessages.NameOf(TransferMessageKind.Start), "received", received);
        Assert.Equal(received.AddMinutes(5), EdrExpiry.ExpiresAt(transfer));
        Assert.False(EdrExpiry.IsDue(transfer, received.AddMinutes(4).AddSeconds(29)));
        Assert.True(EdrExpiry.IsDue(transfer, received.AddMinutes(4).AddSeconds(30)));
        // A refresh stored later counts from then.
        transfer.TokenExpiresAt = received.AddMinutes(9);
        Assert.False(EdrExpiry.IsDue(transfer, received.AddMinutes(6)));
    }

    [Fact]
    public void A_refresh_token_names_its_transfer_and_malformed_ones_name_none()
    {
        var (token, hash) = EdrToken.MintRefresh("urn:uuid:7d0b4c2e-0000-4000-8000-000000000001");
        Assert.Equal("urn:uuid:7d0b4c2e-0000-4000-8000-000000000001", EdrToken.TransferIdOf(token));
        Assert.Equal(EdrToken.Hash(token), hash);
        Assert.Null(EdrToken.TransferIdOf("no-dot"));
        Assert.Null(EdrToken.TransferIdOf(".secret"));
        Assert.Null(EdrToken.TransferIdOf("!!!.secret"));
        Assert.Null(EdrToken.TransferIdOf("_w.secret"));
    }

    private sealed record Edr(string ConsumerPid, string ProviderPid, JsonObject Address, string Token, string Refresh, Uri Endpoint);

    private async Task<Edr> StartedAsync()
    {
        var started = await NegotiationDriver.PostAsync(federation.Consumer, "transfers",
            new JsonObject { ["agreementId"] = await federation.AgreementAsync(), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var consumerPid = started.GetProperty("id").GetString()!;
        var view = (JsonElement)await Eventually.WaitAsync<object>(async () =>
            await TransferDriver.GetAsync(federation.Consumer, consumerPid) is { } v && v.GetProperty("edr").ValueKind == JsonValueKind.Object ? v : null, "the EDR");
        var stored = await federation.Consumer.Services.GetRequiredService<TransferStore>().FindAsync(consumerPid);
        var address = stored!.DataAddress!;
        return new Edr(consumerPid, view.GetProperty("providerPid").GetString()!, address,
            DataAddress.Property(address, "authorization")!, DataAddress.Property(address, DataAddress.RefreshTokenProperty)!,
            new Uri(DataAddress.Property(address, DataAddress.RefreshEndpointProperty)!));
    }

    /// <summary>A refresh as a consumer sends it, signed by <paramref name="caller"/>'s DID key (none when null).</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> RefreshAsync(RunningConnector? caller, Uri endpoint, string refreshToken)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]),
        };
        if (caller is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
                caller.Services.GetRequiredService<SelfIssuedTokens>().Create(federation.Provider.Identity.Did, TimeSpan.FromMinutes(1)));
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone(), response.Headers);
    }

    /// <summary>A signed POST of <paramref name="content"/>; returns the RFC 6749 error code of the 400 answer.</summary>
    private async Task<string?> PostAsync(HttpClient http, Uri endpoint, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer",
            federation.Consumer.Services.GetRequiredService<SelfIssuedTokens>().Create(federation.Provider.Identity.Did, TimeSpan.FromMinutes(1)));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
    }

    /// <summary>A pull straight at the provider's data plane with <paramref name="token"/>: the status and, when refused, the error code.</summary>
    private async Task<(HttpStatusCode Status, string? Error)> PullAsync(string token, RunningConnector? provider = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri((provider ?? federation.Provider).Identity.PublicUrl, TransferActions.DataPlanePath + "/Observation?patient=nobody"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? (response.StatusCode, null) : (response.StatusCode, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
    }

    /// <summary>A provider whose EDR tokens live <paramref name="lifetime"/> and a consumer with a STARTED pull under the cardiology agreement.</summary>
    private static async Task<ShortLivedPair> ShortLivedPairAsync(TimeSpan lifetime)
    {
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(null, autoRespond: true);
        providerOptions.Transfer.EdrLifetime = lifetime;
        var provider = await TestConnectors.StartAsync(providerOptions);
        var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
            await NegotiationSeed.SeedAsync(management);
        var negotiation = await NegotiationDriver.PostAsync(consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
        var finalized = await NegotiationDriver.StateAsync(consumer, negotiation.GetProperty("id").GetString()!, "FINALIZED");
        await NegotiationDriver.StateAsync(provider, finalized.GetProperty("providerPid").GetString()!, "FINALIZED");
        var requested = await NegotiationDriver.PostAsync(consumer, "transfers",
            new JsonObject { ["agreementId"] = finalized.GetProperty("agreement").GetProperty("@id").GetString(), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var id = requested.GetProperty("id").GetString()!;
        await Eventually.WaitAsync<object>(async () =>
            (await TransferDriver.GetAsync(consumer, id)).GetProperty("edr").ValueKind == JsonValueKind.Object ? id : null, "the EDR");
        return new ShortLivedPair(provider, consumer, id);
    }

    private sealed class ShortLivedPair(RunningConnector provider, RunningConnector consumer, string consumerPid) : IAsyncDisposable
    {
        public RunningConnector Provider => provider;
        public RunningConnector Consumer => consumer;
        public string ConsumerPid => consumerPid;

        /// <summary>The access and refresh token the consumer holds now.</summary>
        public async Task<(string Token, string Refresh)> EdrAsync()
        {
            var address = (await consumer.Services.GetRequiredService<TransferStore>().FindAsync(consumerPid))!.DataAddress;
            return (DataAddress.Property(address, "authorization")!, DataAddress.Property(address, DataAddress.RefreshTokenProperty)!);
        }

        /// <summary>A fetch through the consumer's management API, as its operator makes it.</summary>
        public async Task<HttpStatusCode> FetchAsync()
        {
            using var management = new ManagementClient(consumer);
            using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(consumerPid)}/data?resourceType=Observation&patient=anyone");
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.StatusCode;
        }

        public async ValueTask DisposeAsync()
        {
            await consumer.DisposeAsync();
            await provider.DisposeAsync();
        }
    }
}
