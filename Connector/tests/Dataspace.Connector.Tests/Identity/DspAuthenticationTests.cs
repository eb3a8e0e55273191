using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Dataspace.Connector.Tests.Identity;

/// <summary>A provider, a member, a stranger and two badly behaved DID hosts, all real HTTP servers on loopback.</summary>
public sealed class AuthenticationFederation : IAsyncLifetime
{
    public RunningConnector Provider { get; private set; } = null!;
    public RunningConnector Member { get; private set; } = null!;
    public RunningConnector Stranger { get; private set; } = null!;
    public MisbehavingDidHost Hanging { get; private set; } = null!;
    public MisbehavingDidHost Impostor { get; private set; } = null!;

    /// <summary>A member whose DID points at a port where nothing listens (9, the discard port, is never served here).</summary>
    public ParticipantIdentity Unreachable { get; } =
        new(new Uri("http://127.0.0.1:9"), ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public async Task InitializeAsync()
    {
        Hanging = await MisbehavingDidHost.StartAsync(MisbehavingDidHost.Fault.Hangs);
        Impostor = await MisbehavingDidHost.StartAsync(MisbehavingDidHost.Fault.ClaimsAnotherDid);
        var provider = TestConnectors.Options("provider");
        var member = TestConnectors.Options("member");
        provider.Identity.ResolveTimeout = TimeSpan.FromMilliseconds(500);
        provider.Members = [Did(member), Hanging.Identity.Did, Impostor.Identity.Did, Unreachable.Did];
        member.Members = [Did(provider)];
        Provider = await TestConnectors.StartAsync(provider);
        Member = await TestConnectors.StartAsync(member);
        Stranger = await TestConnectors.StartAsync(TestConnectors.Options("stranger"));
    }

    private static string Did(ConnectorOptions options) => DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));

    public async Task DisposeAsync()
    {
        await Stranger.DisposeAsync();
        await Member.DisposeAsync();
        await Provider.DisposeAsync();
        await Impostor.DisposeAsync();
        await Hanging.DisposeAsync();
    }
}

public sealed class DspAuthenticationTests(AuthenticationFederation federation) : IClassFixture<AuthenticationFederation>, IDisposable
{
    private readonly HttpClient _http = new();

    private Uri CatalogUrl => new(federation.Provider.Identity.DspBaseUrl + "/catalog/request");

    private string ProviderDid => federation.Provider.Identity.Did;

    private SelfIssuedTokens MemberTokens => federation.Member.Services.GetRequiredService<SelfIssuedTokens>();

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_members_signed_request_is_served()
    {
        using var response = await federation.Member.Services.GetRequiredService<DspClient>().RequestCatalogAsync(ProviderDid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(ProviderDid, catalog.RootElement.GetProperty("participantId").GetString());
    }

    [Fact]
    public async Task A_request_without_a_token_is_unauthorized_with_a_dsp_error_body()
    {
        using var response = await PostCatalogRequestAsync(null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CatalogError", body.RootElement.GetProperty("@type").GetString());
        Assert.Equal("401", body.RootElement.GetProperty("code").GetString());
        // The caller learns nothing about why: no "expired", no "signature", no DID.
        Assert.Equal(["unauthorized"], body.RootElement.GetProperty("reason").EnumerateArray().Select(r => r.GetString()));
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJFUzI1NiJ9.e30.AAAA")]
    public async Task A_garbled_token_is_unauthorized(string token)
    {
        using var response = await PostCatalogRequestAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_unauthorized()
    {
        var token = MemberTokens.Create(ProviderDid, DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(2), Guid.NewGuid().ToString());
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_issued_in_the_future_is_unauthorized()
    {
        var token = MemberTokens.Create(ProviderDid, DateTimeOffset.UtcNow.AddMinutes(3), TimeSpan.FromMinutes(1), Guid.NewGuid().ToString());
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_living_longer_than_five_minutes_is_unauthorized()
    {
        var token = MemberTokens.Create(ProviderDid, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30), Guid.NewGuid().ToString());
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_unauthorized() =>
        await AssertRefusedAsync(MemberTokens.Create(federation.Member.Identity.Did, TimeSpan.FromMinutes(1)), HttpStatusCode.Unauthorized);

    [Fact]
    public async Task A_replayed_token_is_refused_the_second_time()
    {
        var token = MemberTokens.Create(ProviderDid, TimeSpan.FromMinutes(1));
        using (var first = await PostCatalogRequestAsync(token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_with_a_tampered_signature_is_unauthorized()
    {
        var token = MemberTokens.Create(ProviderDid, TimeSpan.FromMinutes(1));
        var tampered = token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..];
        await AssertRefusedAsync(tampered, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_not_in_the_members_did_document_is_unauthorized()
    {
        var forger = new ParticipantIdentity(federation.Member.Identity.PublicUrl, ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var token = new SelfIssuedTokens(forger, TimeProvider.System).Create(ProviderDid, TimeSpan.FromMinutes(1));
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_unsigned_token_is_unauthorized()
    {
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var did = federation.Member.Identity.Did;
        var payload = Base64UrlEncoder.Encode($$"""{"iss":"{{did}}","sub":"{{did}}","aud":"{{ProviderDid}}","jti":"{{Guid.NewGuid()}}","iat":{{now}},"exp":{{now + 60}}}""");
        await AssertRefusedAsync($"{header}.{payload}.", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_whose_subject_differs_from_its_issuer_is_unauthorized()
    {
        var member = federation.Member.Identity;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = member.Did,
            Audience = ProviderDid,
            Subject = new ClaimsIdentity([new Claim("sub", "did:web:someone.else"), new Claim("jti", Guid.NewGuid().ToString())]),
            Expires = DateTime.UtcNow.AddMinutes(1),
            SigningCredentials = new SigningCredentials(member.SigningKey, SecurityAlgorithms.EcdsaSha256),
        });
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_from_a_non_member_gets_not_found()
    {
        var token = federation.Stranger.Services.GetRequiredService<SelfIssuedTokens>().Create(ProviderDid, TimeSpan.FromMinutes(1));
        using var response = await PostCatalogRequestAsync(token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("CatalogError", body.RootElement.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task A_member_whose_did_document_is_unreachable_is_unauthorized()
    {
        var token = new SelfIssuedTokens(federation.Unreachable, TimeProvider.System).Create(ProviderDid, TimeSpan.FromMinutes(1));
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_member_whose_did_document_hangs_is_unauthorized_after_the_timeout_and_the_host_keeps_serving()
    {
        var token = new SelfIssuedTokens(federation.Hanging.Identity, TimeProvider.System).Create(ProviderDid, TimeSpan.FromMinutes(1));
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
        using var response = await federation.Member.Services.GetRequiredService<DspClient>().RequestCatalogAsync(ProviderDid);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_did_document_claiming_another_did_is_not_trusted()
    {
        var token = new SelfIssuedTokens(federation.Impostor.Identity, TimeProvider.System).Create(ProviderDid, TimeSpan.FromMinutes(1));
        await AssertRefusedAsync(token, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_version_metadata_and_did_document_need_no_token()
    {
        using var versions = await _http.GetAsync(new Uri(federation.Provider.Identity.PublicUrl, DspPaths.VersionMetadata));
        Assert.Equal(HttpStatusCode.OK, versions.StatusCode);
        using var did = await _http.GetAsync(new Uri(federation.Provider.Identity.PublicUrl, DspPaths.DidDocument));
        Assert.Equal(HttpStatusCode.OK, did.StatusCode);
    }

    private async Task AssertRefusedAsync(string token, HttpStatusCode expected)
    {
        using var response = await PostCatalogRequestAsync(token);
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostCatalogRequestAsync(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, CatalogUrl)
        {
            Content = new StringContent($$"""{"@context":["{{DspPaths.Context}}"],"@type":"CatalogRequestMessage"}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request);
    }
}
