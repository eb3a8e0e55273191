using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Hosting;

/// <summary>One connector on loopback with a member that may call it.</summary>
public sealed class SingleConnector : IAsyncLifetime
{
    public RunningConnector Connector { get; private set; } = null!;
    public RunningConnector Member { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connector = TestConnectors.Options("hospital");
        var member = TestConnectors.Options("partner");
        connector.Limits.MaxRequestBodyBytes = 64 * 1024;
        connector.Members = [Identity(member)];
        member.Members = [Identity(connector)];
        Connector = await TestConnectors.StartAsync(connector);
        Member = await TestConnectors.StartAsync(member);
    }

    private static string Identity(ConnectorOptions options) => Dataspace.Connector.Identity.DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));

    public async Task DisposeAsync()
    {
        await Member.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

public sealed class ConnectorHostTests(SingleConnector fixture) : IClassFixture<SingleConnector>, IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = fixture.Connector.Identity.PublicUrl };

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Liveness_and_readiness_report_a_migrated_database()
    {
        using var live = await _http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_version_metadata_advertises_2025_1_and_validates_against_the_dsp_schema()
    {
        using var response = await _http.GetAsync(new Uri(DspPaths.VersionMetadata, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(DspSchemas.Validate("common/protocol-version-schema.json", body.RootElement));
        var version = Assert.Single(body.RootElement.GetProperty("protocolVersions").EnumerateArray());
        Assert.Equal("2025-1", version.GetProperty("version").GetString());
        Assert.Equal(DspPaths.Base, version.GetProperty("path").GetString());
        Assert.Equal("HTTPS", version.GetProperty("binding").GetString());
    }

    [Fact]
    public async Task The_did_document_is_served_as_did_json_with_the_participants_key()
    {
        using var response = await _http.GetAsync(new Uri(DspPaths.DidDocument, UriKind.Relative));
        Assert.Equal("application/did+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(fixture.Connector.Identity.Did, body.RootElement.GetProperty("id").GetString());
        var jwk = body.RootElement.GetProperty("verificationMethod")[0].GetProperty("publicKeyJwk");
        Assert.False(jwk.TryGetProperty("d", out _), "the private key must never be published");
    }

    [Fact]
    public async Task A_members_catalog_request_gets_a_catalog_that_validates_against_the_dsp_schema()
    {
        using var response = await fixture.Member.Services.GetRequiredService<DspClient>().RequestCatalogAsync(fixture.Connector.Identity.Did);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(DspSchemas.Validate("catalog/catalog-schema.json", body.RootElement));
    }

    [Theory]
    [InlineData("""{"@context":["https://w3id.org/dspace/2025/1/context.jsonld"],"@type":"CatalogRequestMessage","filter":[{"x":1}]}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"@type":"ContractRequestMessage"}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"@type": """, "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""["not an object"]""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"@type":"CatalogRequestMessage"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_dsp_messages_get_a_catalog_error_that_validates_against_the_dsp_schema(string body, string mediaType, HttpStatusCode expected)
    {
        using var response = await SendDspAsync(new StringContent(body, Encoding.UTF8, mediaType));
        Assert.Equal(expected, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(DspSchemas.Validate("catalog/catalog-error-schema.json", error.RootElement));
        Assert.Equal("CatalogError", error.RootElement.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task A_dsp_body_nested_too_deep_is_refused()
    {
        var deep = "{\"@type\":\"CatalogRequestMessage\",\"x\":" + new string('[', 100) + new string(']', 100) + "}";
        using var response = await SendDspAsync(new StringContent(deep, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task An_oversize_dsp_body_is_refused_with_413_and_the_host_keeps_serving()
    {
        var big = "{\"@type\":\"CatalogRequestMessage\",\"pad\":\"" + new string('x', 128 * 1024) + "\"}";
        using (var response = await SendDspAsync(new StringContent(big, Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var again = await fixture.Member.Services.GetRequiredService<DspClient>().RequestCatalogAsync(fixture.Connector.Identity.Did);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task An_oversize_body_without_content_length_is_refused_too()
    {
        var big = "{\"@type\":\"CatalogRequestMessage\",\"pad\":\"" + new string('x', 128 * 1024) + "\"}";
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(big)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentLength = null;
        using var response = await SendDspAsync(content, chunked: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_dsp_path_answers_404_with_a_dsp_error()
    {
        using var response = await fixture.Member.Services.GetRequiredService<DspClient>()
            .SendAsync(fixture.Connector.Identity.Did, HttpMethod.Get, "negotiations/urn:uuid:nope", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ContractNegotiationError", error.RootElement.GetProperty("@type").GetString());
    }

    [Fact]
    public async Task A_dataset_that_does_not_exist_is_a_catalog_error_404()
    {
        using var response = await fixture.Member.Services.GetRequiredService<DspClient>()
            .SendAsync(fixture.Connector.Identity.Did, HttpMethod.Get, "catalog/datasets/urn:uuid:nope", null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Empty(DspSchemas.Validate("catalog/catalog-error-schema.json", error.RootElement));
    }

    [Fact]
    public async Task The_management_api_requires_a_key()
    {
        using var response = await _http.GetAsync(new Uri(ParticipantEndpoints.Base + "/participant", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_management_api_rejects_a_wrong_key()
    {
        using var response = await ManagementAsync(HttpMethod.Get, "/participant", "wrong-key-0123456789", null);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_operator_reads_the_participant()
    {
        using var response = await ManagementAsync(HttpMethod.Get, "/participant", TestConnectors.OperatorKey, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(fixture.Connector.Identity.Did, body.RootElement.GetProperty("did").GetString());
        Assert.Equal("2025-1", body.RootElement.GetProperty("protocolVersion").GetString());
    }

    [Fact]
    public async Task A_regulator_may_read_but_not_write()
    {
        using var read = await ManagementAsync(HttpMethod.Get, "/members", TestConnectors.RegulatorKey, null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var write = await ManagementAsync(HttpMethod.Post, "/peers/check", TestConnectors.RegulatorKey, $$"""{"did":"{{fixture.Member.Identity.Did}}"}""");
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_operator_checks_a_member_end_to_end()
    {
        using var response = await ManagementAsync(HttpMethod.Post, "/peers/check", TestConnectors.OperatorKey, $$"""{"did":"{{fixture.Member.Identity.Did}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("trusted").GetBoolean());
        Assert.Equal(fixture.Member.Identity.DspBaseUrl.ToString(), body.RootElement.GetProperty("dspBaseUrl").GetString());
    }

    [Theory]
    [InlineData("""{"did": """, HttpStatusCode.BadRequest)]
    [InlineData("""{}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"did": 42}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"did": "did:key:z6Mk"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"did": "did:web:not.a.member"}""", HttpStatusCode.NotFound)]
    public async Task Bad_management_input_gets_problem_details(string body, HttpStatusCode expected)
    {
        using var response = await ManagementAsync(HttpMethod.Post, "/peers/check", TestConnectors.OperatorKey, body);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:dataspace:problem:", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_management_api_only()
    {
        using var response = await _http.GetAsync(new Uri("/openapi/management.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains(ParticipantEndpoints.Base + "/participant", paths);
        Assert.Contains(ParticipantEndpoints.Base + "/peers/check", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith(DspPaths.Root, StringComparison.Ordinal) || p.StartsWith("/health", StringComparison.Ordinal));
    }

    private async Task<HttpResponseMessage> SendDspAsync(HttpContent content, bool chunked = false)
    {
        var tokens = fixture.Member.Services.GetRequiredService<Dataspace.Connector.Identity.SelfIssuedTokens>();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(DspPaths.Base + "/catalog/request", UriKind.Relative)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Create(fixture.Connector.Identity.Did, TimeSpan.FromMinutes(1)));
        request.Headers.TransferEncodingChunked = chunked ? true : null;
        return await _http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> ManagementAsync(HttpMethod method, string path, string key, string? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(ParticipantEndpoints.Base + path, UriKind.Relative));
        request.Headers.Add(ApiKeyFilter.Header, key);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return await _http.SendAsync(request);
    }
}
