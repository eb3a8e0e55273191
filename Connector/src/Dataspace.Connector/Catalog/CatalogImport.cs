using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Dataspace.Connector.Management;

namespace Dataspace.Connector.Catalog;

/// <summary>
/// Loads a catalog file (<c>{assets, policies, contractDefinitions}</c>, the management API's own shapes) into a running
/// connector through its management API, so an import is checked exactly like hand-made requests.
/// </summary>
public static class CatalogImport
{
    /// <summary>Posts every entry of <paramref name="file"/>; throws naming the first entry the connector refuses.</summary>
    public static async Task<(int Assets, int Policies, int ContractDefinitions)> ImportAsync(
        string file, Uri connectorUrl, string apiKey, CancellationToken cancellationToken = default)
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, cancellationToken));
        using var http = new HttpClient { BaseAddress = new Uri(connectorUrl, ParticipantEndpoints.Base + "/") };
        http.DefaultRequestHeaders.Add(ApiKeyFilter.Header, apiKey);
        // Policies before contract definitions, which must name existing policies.
        var assets = await PostAllAsync(http, document.RootElement, "assets", "assets", cancellationToken);
        var policies = await PostAllAsync(http, document.RootElement, "policies", "policies", cancellationToken);
        var definitions = await PostAllAsync(http, document.RootElement, "contractDefinitions", "contractdefinitions", cancellationToken);
        return (assets, policies, definitions);
    }

    private static async Task<int> PostAllAsync(HttpClient http, JsonElement root, string property, string path, CancellationToken cancellationToken)
    {
        if (!root.TryGetProperty(property, out var items) || items.ValueKind != JsonValueKind.Array)
            return 0;
        foreach (var item in items.EnumerateArray())
        {
            using var content = new StringContent(item.GetRawText(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
            using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var id = item.TryGetProperty("id", out var value) ? value.GetString() : "?";
                throw new InvalidOperationException(
                    $"{property} '{id}' refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        }
        return items.GetArrayLength();
    }
}
