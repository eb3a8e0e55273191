using System.Net;
using System.Text;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Dataspace.Fhir.Tests.Api;

/// <summary>Read, vread, create, update, conditional update, delete and history through Firely's FhirClient.</summary>
public sealed class CrudTests : IAsyncLifetime
{
    private FhirTestServer _server = null!;

    public async Task InitializeAsync() => _server = await FhirTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Patient NewPatient(string family, string? mrn = null) => new()
    {
        Name = [new HumanName { Family = family, Given = ["Ann"] }],
        Identifier = mrn is null ? [] : [new Identifier("urn:oid:1.2.36.146.595.217.0.1", mrn)],
        BirthDate = "1970-05-01",
    };

    [Fact]
    public async Task Create_assigns_an_id_and_version_and_read_returns_the_same_resource()
    {
        var client = _server.Client();
        var created = await client.CreateAsync(NewPatient("Muller"));

        Assert.NotNull(created!.Id);
        Assert.Equal("1", created.Meta.VersionId);
        Assert.Equal(HttpStatusCode.Created.ToString("D"), client.LastResult!.Status.Split(' ')[0]);
        var read = await client.ReadAsync<Patient>($"Patient/{created.Id}");
        Assert.Equal("Muller", read!.Name[0].Family);
        Assert.Equal(created.Meta.LastUpdated, read.Meta.LastUpdated);
    }

    [Fact]
    public async Task Update_makes_a_new_version_and_vread_and_history_keep_the_old_one()
    {
        var client = _server.Client();
        var created = await client.CreateAsync(NewPatient("Weber"));
        created!.Name[0].Family = "Weber-Klein";
        var updated = await client.UpdateAsync(created);

        Assert.Equal("2", updated!.Meta.VersionId);
        var first = await client.ReadAsync<Patient>($"Patient/{created.Id}/_history/1");
        Assert.Equal("Weber", first!.Name[0].Family);
        var history = await client.HistoryAsync($"Patient/{created.Id}");
        Assert.Equal(["2", "1"], history!.Entry.Select(e => e.Resource.Meta.VersionId));
    }

    [Fact]
    public async Task An_update_from_a_stale_version_is_refused_with_412()
    {
        var client = _server.Client();
        var created = await client.CreateAsync(NewPatient("Schmit"));
        var stale = (Patient)created!.DeepCopy();
        created.Gender = AdministrativeGender.Female;
        await client.UpdateAsync(created, versionAware: true);

        stale.Gender = AdministrativeGender.Male;
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.UpdateAsync(stale, versionAware: true));

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.Status);
        Assert.Equal(OperationOutcome.IssueType.Conflict, refused.Outcome.Issue[0].Code);
        Assert.Equal(AdministrativeGender.Female, (await client.ReadAsync<Patient>($"Patient/{created.Id}"))!.Gender);
    }

    [Fact]
    public async Task Conditional_update_creates_then_updates_the_one_match_and_refuses_several()
    {
        var client = _server.Client();
        var condition = new SearchParams().Add("identifier", "urn:oid:1.2.36.146.595.217.0.1|MRN-7");

        var created = await client.ConditionalUpdateAsync(NewPatient("Hoffmann", "MRN-7"), condition);
        var updated = await client.ConditionalUpdateAsync(NewPatient("Hoffmann-Lenz", "MRN-7"), condition);

        Assert.Equal(created!.Id, updated!.Id);
        Assert.Equal("2", updated.Meta.VersionId);
        await client.CreateAsync(NewPatient("Other", "MRN-7"));
        var ambiguous = await Assert.ThrowsAsync<FhirOperationException>(() => client.ConditionalUpdateAsync(NewPatient("X", "MRN-7"), condition));
        Assert.Equal(HttpStatusCode.PreconditionFailed, ambiguous.Status);
    }

    [Fact]
    public async Task A_deleted_resource_is_gone_but_its_versions_remain()
    {
        var client = _server.Client();
        var created = await client.CreateAsync(NewPatient("Klein"));
        await client.DeleteAsync($"Patient/{created!.Id}");

        var gone = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>($"Patient/{created.Id}"));
        Assert.Equal(HttpStatusCode.Gone, gone.Status);
        Assert.Equal("Klein", (await client.ReadAsync<Patient>($"Patient/{created.Id}/_history/1"))!.Name[0].Family);
        var missing = await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>("Patient/never-was"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }

    [Fact]
    public async Task The_capability_statement_is_public_and_lists_the_search_parameters()
    {
        var capabilities = await _server.Client(key: null).CapabilityStatementAsync();

        var observation = capabilities!.Rest[0].Resource.Single(r => r.Type == "Observation");
        Assert.Equal(["_id", "_lastUpdated", "category", "code", "date", "identifier", "patient", "status", "subject"], observation.SearchParam.Select(p => p.Name));
        Assert.DoesNotContain(capabilities.Rest[0].Resource.Single(r => r.Type == "Consent").Interaction, i => i.Code == CapabilityStatement.TypeRestfulInteraction.Delete);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login)]
    [InlineData("not-a-key-at-all-0000", HttpStatusCode.Unauthorized, OperationOutcome.IssueType.Login)]
    [InlineData(FhirTestServer.RegulatorKey, HttpStatusCode.Forbidden, OperationOutcome.IssueType.Forbidden)]
    public async Task Only_an_operator_key_reads_patient_data(string? key, HttpStatusCode status, OperationOutcome.IssueType code)
    {
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => _server.Client(key).SearchAsync<Patient>(new SearchParams()));

        Assert.Equal(status, refused.Status);
        Assert.Equal(code, refused.Outcome.Issue[0].Code);
    }

    [Theory]
    [InlineData("POST", "/Patient", "{\"resourceType\":\"Patient\",\"birthDate\":\"not a date\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/Patient", "{\"resourceType\":\"Patient\",\"unknownElement\":1}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/Patient", "{\"resourceType\":", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/Patient", "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"}}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/NotAType", "{\"resourceType\":\"Patient\"}", HttpStatusCode.NotFound)]
    [InlineData("PUT", "/Patient/abc", "{\"resourceType\":\"Patient\",\"id\":\"xyz\"}", HttpStatusCode.BadRequest)]
    [InlineData("PUT", "/Patient/abc", "{\"resourceType\":\"Patient\"}", HttpStatusCode.BadRequest)]
    [InlineData("PATCH", "/Patient/abc", "{}", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/Patient/bad$id", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/Patient/abc/_history/x", null, HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/Consent/abc", null, HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/Patient/_history", null, HttpStatusCode.BadRequest)]
    [InlineData("POST", "/Patient/_search", "{}", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/Patient?_format=xml", null, HttpStatusCode.NotAcceptable)]
    public async Task A_client_mistake_gets_an_OperationOutcome_never_a_500(string method, string path, string? body, HttpStatusCode status)
    {
        using var http = FhirTestServer.Http();
        using var request = new HttpRequestMessage(new HttpMethod(method), _server.BaseUrl + path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");

        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"resourceType\":\"OperationOutcome\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_value_is_named_by_its_path_and_never_echoed()
    {
        using var http = FhirTestServer.Http();
        var body = "{\"resourceType\":\"Patient\",\"birthDate\":\"SECRET-born-on-a-Tuesday\"}";

        using var response = await http.PostAsync(_server.BaseUrl + "/Patient", new StringContent(body, Encoding.UTF8, "application/fhir+json"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("\"expression\":[\"Patient.birthDate\"]", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conditional_create_is_refused_rather_than_ignored()
    {
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() =>
            _server.Client().ConditionalCreateAsync(NewPatient("Once", "MRN-1"), new SearchParams().Add("identifier", "MRN-1")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, refused.Outcome.Issue[0].Code);
        Assert.Equal(0, (await _server.Client().SearchAsync<Patient>(new SearchParams { Summary = SummaryType.Count }))!.Total);
    }

    [Fact]
    public async Task JSON_nested_beyond_the_limit_is_refused()
    {
        using var http = FhirTestServer.Http();
        var nested = string.Concat(Enumerable.Repeat("{\"url\":\"http://example.org/x\",\"extension\":[", 40)) + "{\"url\":\"http://example.org/x\",\"valueString\":\"v\"}" + string.Concat(Enumerable.Repeat("]}", 40));
        var body = "{\"resourceType\":\"Patient\",\"extension\":[" + nested + "]}";

        using var response = await http.PostAsync(_server.BaseUrl + "/Patient", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("deeper than 64", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversize_body_is_refused_with_413()
    {
        await using var server = await FhirTestServer.StartAsync(fhir => fhir.MaxRequestBodyBytes = 1000);
        using var http = FhirTestServer.Http();
        var body = $"{{\"resourceType\":\"Patient\",\"name\":[{{\"family\":\"{new string('x', 2000)}\"}}]}}";

        using var response = await http.PostAsync(server.BaseUrl + "/Patient", new StringContent(body, Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("OperationOutcome", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
