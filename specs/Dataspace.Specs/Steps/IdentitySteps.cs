using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.Specs.Support;
using Microsoft.Extensions.DependencyInjection;
using TechTalk.SpecFlow;
using TechTalk.SpecFlow.UnitTestProvider;
using Xunit;

namespace Dataspace.Specs.Steps;

[Binding]
public sealed class IdentitySteps(Federation federation, IUnitTestRuntimeProvider runtime) : IDisposable
{
    private readonly HttpClient _http = new();
    private DidDocument? _resolved;
    private string? _resolvedParticipant;
    private HttpResponseMessage? _answer;

    [Given(@"^the hospital ""([^""]*)"" and the partner hospital ""([^""]*)"" run connectors on loopback with (\w+) storage$")]
    public async Task GivenTwoHospitals(string hospital, string partner, string storage)
    {
        string? postgres = null;
        if (storage == "PostgreSQL")
        {
            postgres = Environment.GetEnvironmentVariable(Federation.PostgresVariable);
            if (string.IsNullOrEmpty(postgres))
                runtime.TestIgnore($"{Federation.PostgresVariable} is not set: PostgreSQL scenarios run in CI (.ci/run starts a server).");
        }
        var first = Federation.Options(hospital, "LU", postgres);
        var second = Federation.Options(partner, "DE", postgres);
        first.Members = [Federation.Did(second)];
        second.Members = [Federation.Did(first)];
        await federation.StartAsync(first);
        await federation.StartAsync(second);
    }

    [Given(@"^a connector ""([^""]*)"" that is not a member of the dataspace$")]
    public Task GivenAStranger(string name) => federation.StartAsync(Federation.Options(name, "FR", null));

    [When(@"^""([^""]*)"" resolves the DID of ""([^""]*)""$")]
    public async Task WhenResolving(string resolver, string participant)
    {
        _resolvedParticipant = participant;
        _resolved = await federation[resolver].Services.GetRequiredService<DidResolver>().ResolveAsync(federation[participant].Identity.Did);
    }

    [Then(@"^the DID document holds one P-256 key that may sign requests$")]
    public void ThenOneKey()
    {
        var method = Assert.Single(_resolved!.VerificationMethod);
        Assert.Equal("P-256", method.PublicKeyJwk?.Crv);
        Assert.True(_resolved.MaySignRequests(method));
        Assert.Equal(federation[_resolvedParticipant!].Identity.KeyId, method.Id);
    }

    [Then(@"^the DID document names the DSP version metadata of ""([^""]*)""$")]
    public void ThenServiceEndpoint(string participant) =>
        Assert.Equal(new Uri(federation[participant].Identity.PublicUrl, DspPaths.VersionMetadata).ToString(), _resolved!.ServiceEndpoint("DataService"));

    [Then(@"^the version metadata of ""([^""]*)"" advertises DSP ""([^""]*)"" over ""([^""]*)""$")]
    public async Task ThenVersionMetadata(string participant, string version, string binding)
    {
        using var response = await _http.GetAsync(new Uri(federation[participant].Identity.PublicUrl, DspPaths.VersionMetadata));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(body.RootElement.GetProperty("protocolVersions").EnumerateArray(), v =>
            v.GetProperty("version").GetString() == version && v.GetProperty("binding").GetString() == binding
            && v.GetProperty("path").GetString() == DspPaths.Base);
    }

    [Then(@"^a signed catalog request from ""([^""]*)"" to ""([^""]*)"" is answered with the catalog of ""([^""]*)""$")]
    public async Task ThenCatalog(string caller, string provider, string owner)
    {
        using var response = await federation[caller].Services.GetRequiredService<DspClient>().RequestCatalogAsync(federation[provider].Identity.Did);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Catalog", catalog.RootElement.GetProperty("@type").GetString());
        Assert.Equal(federation[owner].Identity.Did, catalog.RootElement.GetProperty("participantId").GetString());
    }

    [When(@"^""([^""]*)"" sends ""([^""]*)"" a catalog request with (.*)$")]
    public async Task WhenSending(string sender, string receiver, string token)
    {
        var tokens = federation[sender].Services.GetRequiredService<SelfIssuedTokens>();
        var audience = federation[receiver].Identity.Did;
        string? bearer = token switch
        {
            "a valid token" => tokens.Create(audience, TimeSpan.FromMinutes(1)),
            "an expired token" => tokens.Create(audience, DateTimeOffset.UtcNow.AddMinutes(-10), TimeSpan.FromMinutes(2), Guid.NewGuid().ToString()),
            "a token addressed to another member" => tokens.Create(federation[sender].Identity.Did, TimeSpan.FromMinutes(1)),
            "a token that was already used" => await UsedTokenAsync(tokens, audience, receiver),
            "no token" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(token), token, "unknown kind of token"),
        };
        _answer = await PostCatalogRequestAsync(receiver, bearer);
    }

    [Then(@"^""([^""]*)"" answers (\d+) with a DSP ""([^""]*)"" that names no reason but ""([^""]*)""$")]
    public async Task ThenRefused(string receiver, int status, string errorType, string reason)
    {
        Assert.Equal(status, (int)_answer!.StatusCode);
        using var body = JsonDocument.Parse(await _answer.Content.ReadAsStringAsync());
        Assert.Equal(errorType, body.RootElement.GetProperty("@type").GetString());
        Assert.Equal([reason], body.RootElement.GetProperty("reason").EnumerateArray().Select(r => r.GetString()));
        Assert.NotNull(federation[receiver]);
    }

    [Then(@"^""([^""]*)"" still serves a signed catalog request from ""([^""]*)""$")]
    public Task ThenStillServes(string provider, string caller) => ThenCatalog(caller, provider, provider);

    private async Task<string> UsedTokenAsync(SelfIssuedTokens tokens, string audience, string receiver)
    {
        var token = tokens.Create(audience, TimeSpan.FromMinutes(1));
        using var first = await PostCatalogRequestAsync(receiver, token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        return token;
    }

    private Task<HttpResponseMessage> PostCatalogRequestAsync(string receiver, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(federation[receiver].Identity.DspBaseUrl + "/catalog/request"))
        {
            Content = new StringContent($$"""{"@context":["{{DspPaths.Context}}"],"@type":"CatalogRequestMessage"}""", Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _http.SendAsync(request);
    }

    public void Dispose()
    {
        _answer?.Dispose();
        _http.Dispose();
    }
}
