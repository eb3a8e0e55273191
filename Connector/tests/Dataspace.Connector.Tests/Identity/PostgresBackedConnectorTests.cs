using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Identity;

/// <summary>Two connectors whose stores are PostgreSQL: authentication and the replay cache behave as on SQLite.</summary>
public sealed class PostgresBackedConnectorTests
{
    [SkippableFact]
    public async Task Members_authenticate_and_a_replay_is_refused_with_the_cache_in_postgres()
    {
        var postgres = TestPostgres.Require();
        var providerOptions = TestConnectors.Options("provider", postgres);
        var memberOptions = TestConnectors.Options("member", postgres);
        providerOptions.Members = [DidWeb.FromUrl(new Uri(memberOptions.Participant.PublicUrl))];
        memberOptions.Members = [DidWeb.FromUrl(new Uri(providerOptions.Participant.PublicUrl))];
        await using var provider = await TestConnectors.StartAsync(providerOptions);
        await using var member = await TestConnectors.StartAsync(memberOptions);

        using (var ok = await member.Services.GetRequiredService<DspClient>().RequestCatalogAsync(provider.Identity.Did))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var token = member.Services.GetRequiredService<SelfIssuedTokens>().Create(provider.Identity.Did, TimeSpan.FromMinutes(1));
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, provider.Identity.DspBaseUrl, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(http, provider.Identity.DspBaseUrl, token));
    }

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, Uri dspBase, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(dspBase + "/catalog/request"))
        {
            Content = new StringContent($$"""{"@context":["{{DspPaths.Context}}"],"@type":"CatalogRequestMessage"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
