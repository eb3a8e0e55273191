using System.Net;
using System.Text.Json;
using Dataspace.Fhir.Export;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Fhir.Tests.Api;

/// <summary>Bulk Data export: kick-off, status polling, manifest, NDJSON download, cancel.</summary>
public sealed class BulkExportTests : IAsyncLifetime
{
    private FhirTestServer _server = null!;
    private Bundle _loaded = null!;

    public async Task InitializeAsync()
    {
        _server = await FhirTestServer.StartAsync();
        _loaded = TestData.SyntheaPatient(1);
        await _server.Client().TransactionAsync(_loaded);
        await _server.Client().CreateAsync(new Organization { Name = "Not about a patient" });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpResponseMessage Response, string StatusUrl)> KickOffAsync(HttpClient http, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.BaseUrl + path);
        request.Headers.Add("Prefer", "respond-async");
        request.Headers.Add("Accept", "application/fhir+json");
        var response = await http.SendAsync(request);
        return (response, response.Content.Headers.ContentLocation?.ToString() ?? "");
    }

    private async Task<JsonElement> ManifestAsync(HttpClient http, string statusUrl)
    {
        // The first poll may come before or after the export finished; once it has, the status URL must give the manifest.
        using (var first = await http.GetAsync(statusUrl))
        {
            Assert.True(first.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK);
            if (first.StatusCode == HttpStatusCode.Accepted)
                Assert.True(first.Headers.Contains("X-Progress"));
        }
        await _server.Services.GetRequiredService<ExportJobs>().Find(statusUrl.Split('/')[^1])!.Completion;
        using var done = await http.GetAsync(statusUrl);
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        return JsonDocument.Parse(await done.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task A_system_export_writes_one_NDJSON_file_per_type_with_every_resource()
    {
        using var http = FhirTestServer.Http();
        var (kickOff, statusUrl) = await KickOffAsync(http, "/$export");
        Assert.Equal(HttpStatusCode.Accepted, kickOff.StatusCode);

        var manifest = await ManifestAsync(http, statusUrl);

        var expected = _loaded.Entry.GroupBy(e => e.Resource.TypeName).ToDictionary(g => g.Key, g => g.Count());
        expected["Organization"] += 1;
        var outputs = manifest.GetProperty("output").EnumerateArray().ToList();
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), outputs.Select(o => o.GetProperty("type").GetString()).Order(StringComparer.Ordinal));
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        foreach (var output in outputs)
        {
            using var file = await http.GetAsync(output.GetProperty("url").GetString());
            Assert.Equal("application/fhir+ndjson", file.Content.Headers.ContentType?.MediaType);
            var lines = (await file.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var type = output.GetProperty("type").GetString()!;
            Assert.Equal(expected[type], lines.Length);
            Assert.Equal(lines.Length, output.GetProperty("count").GetInt32());
            Assert.All(lines, line => Assert.Equal(type, JsonDocument.Parse(line).RootElement.GetProperty("resourceType").GetString()));
        }
    }

    [Fact]
    public async Task A_patient_export_with_type_filter_holds_only_those_types_of_the_patient_compartment()
    {
        using var http = FhirTestServer.Http();
        var (_, statusUrl) = await KickOffAsync(http, "/Patient/$export?_type=Patient,Observation,Organization");

        var manifest = await ManifestAsync(http, statusUrl);

        var types = manifest.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["Observation", "Patient"], types);
    }

    [Fact]
    public async Task Since_excludes_resources_not_changed_after_it()
    {
        using var http = FhirTestServer.Http();
        var (_, statusUrl) = await KickOffAsync(http, $"/$export?_since={DateTimeOffset.UtcNow.AddHours(1):yyyy-MM-ddTHH:mm:ssZ}");

        var manifest = await ManifestAsync(http, statusUrl);

        Assert.Empty(manifest.GetProperty("output").EnumerateArray());
    }

    [Fact]
    public async Task Delete_discards_an_export_and_its_status_url_is_gone()
    {
        using var http = FhirTestServer.Http();
        var (_, statusUrl) = await KickOffAsync(http, "/$export");

        using var deleted = await http.DeleteAsync(statusUrl);
        using var after = await http.GetAsync(statusUrl);

        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Theory]
    [InlineData("/$export", false)]
    [InlineData("/$export?_type=NotAType", true)]
    [InlineData("/$export?_since=yesterday", true)]
    [InlineData("/$export?_typeFilter=Observation%3Fcode%3Dx", true)]
    public async Task A_bad_kick_off_is_a_400_OperationOutcome(string path, bool preferAsync)
    {
        using var http = FhirTestServer.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, _server.BaseUrl + path);
        if (preferAsync)
            request.Headers.Add("Prefer", "respond-async");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("OperationOutcome", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regulator_cannot_export()
    {
        using var http = FhirTestServer.Http(FhirTestServer.RegulatorKey);

        var (response, _) = await KickOffAsync(http, "/$export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
