using System.Text;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;

namespace Dataspace.Connector.Tests.Support;

/// <summary>Calls a connector's management API over real HTTP with an operator or regulator key.</summary>
public sealed class ManagementClient(RunningConnector connector, string key = TestConnectors.OperatorKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(connector.Identity.PublicUrl, ParticipantEndpoints.Base + "/") };

    public Task<HttpResponseMessage> PostAsync(string path, string json) => SendAsync(HttpMethod.Post, path, json);

    public Task<HttpResponseMessage> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, null);

    /// <summary>POSTs and fails the test unless the answer is a success.</summary>
    public async Task CreateAsync(string path, string json)
    {
        using var response = await PostAsync(path, json);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.Add(ApiKeyFilter.Header, key);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
