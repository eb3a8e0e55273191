using System.Net;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Dataspace.Fhir.Tests.Api;

/// <summary>Search through FhirClient on one patient's vital signs and lab results, plus another patient's.</summary>
public sealed class SearchTests : IAsyncLifetime
{
    private const string Loinc = "http://loinc.org";
    private const string Category = "http://terminology.hl7.org/CodeSystem/observation-category";

    private FhirTestServer _server = null!;
    private FhirClient _client = null!;
    private string _patient = "";
    private readonly Dictionary<string, string> _ids = [];

    public async Task InitializeAsync()
    {
        _server = await FhirTestServer.StartAsync();
        _client = _server.Client();
        _patient = (await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Reuter" }] }))!.Id;
        var other = (await _client.CreateAsync(new Patient { Name = [new HumanName { Family = "Faber" }] }))!.Id;
        await AddAsync("bp", _patient, "85354-9", "vital-signs", ObservationStatus.Final, "2023-12-31T23:00:00Z");
        await AddAsync("hr1", _patient, "8867-4", "vital-signs", ObservationStatus.Final, "2024-03-01T10:00:00Z");
        await AddAsync("hr2", _patient, "8867-4", "vital-signs", ObservationStatus.Final, "2024-03-02T10:00:00Z");
        await AddAsync("glucose", _patient, "2339-0", "laboratory", ObservationStatus.Preliminary, "2024-04-01T10:00:00Z");
        await AddAsync("other-hr", other, "8867-4", "vital-signs", ObservationStatus.Final, "2024-03-01T12:00:00Z");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task AddAsync(string name, string patient, string code, string category, ObservationStatus status, string effective)
    {
        var created = await _client.CreateAsync(new Observation
        {
            Status = status,
            Category = [new CodeableConcept(Category, category)],
            Code = new CodeableConcept(Loinc, code),
            Subject = new ResourceReference("Patient/" + patient),
            Effective = new FhirDateTime(effective),
        });
        _ids[created!.Id] = name;
    }

    private async Task<string[]> SearchAsync(SearchParams search)
    {
        var bundle = await _client.SearchAsync<Observation>(search);
        return bundle!.Entry.Where(e => e.Search.Mode == Bundle.SearchEntryMode.Match).Select(e => _ids[e.Resource.Id]).ToArray();
    }

    private async Task<string[]> SortedAsync(params (string Name, string Value)[] parameters)
    {
        var search = new SearchParams();
        foreach (var (name, value) in parameters)
            search.Add(name, value);
        return (await SearchAsync(search)).Order(StringComparer.Ordinal).ToArray();
    }

    [Fact]
    public async Task Patient_and_subject_select_one_patients_resources()
    {
        Assert.Equal(["bp", "glucose", "hr1", "hr2"], await SortedAsync(("patient", _patient)));
        Assert.Equal(["bp", "glucose", "hr1", "hr2"], await SortedAsync(("subject", "Patient/" + _patient)));
        Assert.Equal(["bp", "glucose", "hr1", "hr2"], await SortedAsync(("subject", _patient)));
    }

    [Fact]
    public async Task Code_matches_system_and_code_or_code_alone()
    {
        Assert.Equal(["hr1", "hr2", "other-hr"], await SortedAsync(("code", $"{Loinc}|8867-4")));
        Assert.Equal(["hr1", "hr2"], await SortedAsync(("code", "8867-4"), ("patient", _patient)));
        Assert.Equal(["glucose", "hr1", "hr2", "other-hr"], await SortedAsync(("code", $"{Loinc}|8867-4,{Loinc}|2339-0")));
        Assert.Empty(await SortedAsync(("code", "http://snomed.info/sct|8867-4")));
    }

    [Fact]
    public async Task Category_and_status_are_tokens_too()
    {
        Assert.Equal(["glucose"], await SortedAsync(("category", $"{Category}|laboratory")));
        Assert.Equal(["bp", "hr1", "hr2", "other-hr"], await SortedAsync(("category", "vital-signs")));
        Assert.Equal(["glucose"], await SortedAsync(("status", "preliminary")));
    }

    [Theory]
    [InlineData("2024-03", "hr1,hr2,other-hr")]
    [InlineData("eq2024-03-01", "hr1,other-hr")]
    [InlineData("ge2024-03-02", "glucose,hr2")]
    [InlineData("gt2024-03-02", "glucose")]
    [InlineData("le2024-03-01", "bp,hr1,other-hr")]
    [InlineData("lt2024", "bp")]
    [InlineData("sa2024-03-31", "glucose")]
    [InlineData("eb2024-01-01T00:00:00Z", "bp")]
    [InlineData("ne2024-03", "bp,glucose")]
    [InlineData("ap2024-03-01", "bp,glucose,hr1,hr2,other-hr")]
    public async Task Date_honours_its_prefix(string value, string expected)
    {
        Assert.Equal(expected.Split(','), await SortedAsync(("date", value)));
    }

    [Fact]
    public async Task Last_updated_filters_by_when_resources_were_written()
    {
        var newest = (await _client.SearchAsync<Observation>(new SearchParams().OrderBy("_lastUpdated", SortOrder.Descending).LimitTo(1)))!.Entry[0].Resource;

        Assert.Equal(5, (await SortedAsync(("_lastUpdated", "ge2000-01-01"))).Length);
        Assert.Empty(await SortedAsync(("_lastUpdated", "lt2000-01-01")));
        Assert.Contains(_ids[newest.Id], await SortedAsync(("_lastUpdated", "ge" + newest.Meta.LastUpdated!.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Sort_by_date_descending_and_page_forward_and_back_with_stable_links()
    {
        var search = new SearchParams().Add("patient", _patient).OrderBy("date", SortOrder.Descending).LimitTo(3);

        var first = await _client.SearchAsync<Observation>(search);
        var second = await _client.ContinueAsync(first!, PageDirection.Next);
        var back = await _client.ContinueAsync(second!, PageDirection.Previous);

        string[] Names(Bundle page) => page.Entry.Select(e => _ids[e.Resource.Id]).ToArray();
        Assert.Equal(["glucose", "hr2", "hr1"], Names(first!));
        Assert.Equal(["bp"], Names(second!));
        Assert.Null(second!.NextLink);
        Assert.Equal(["glucose", "hr2", "hr1"], Names(back!));
        Assert.Null(first!.PreviousLink);
    }

    [Fact]
    public async Task Sort_by_last_updated_ascending_returns_creation_order()
    {
        var all = await SearchAsync(new SearchParams().OrderBy("_lastUpdated").LimitTo(10));

        Assert.Equal(["bp", "hr1", "hr2", "glucose", "other-hr"], all);
    }

    [Fact]
    public async Task Summary_count_returns_only_the_total()
    {
        var bundle = await _client.SearchAsync<Observation>(new SearchParams { Summary = SummaryType.Count }.Add("patient", _patient));

        Assert.Equal(4, bundle!.Total);
        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async Task Id_selects_resources_by_id()
    {
        var id = _ids.Single(p => p.Value == "glucose").Key;

        Assert.Equal(["glucose"], await SortedAsync(("_id", id)));
    }

    [Theory]
    [InlineData("foo", "bar")]
    [InlineData("code:text", "heart")]
    [InlineData("_sort", "value-quantity")]
    [InlineData("_include", "Observation:subject")]
    public async Task Strict_handling_refuses_an_unknown_parameter_with_an_OperationOutcome(string name, string value)
    {
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => _client.SearchAsync<Observation>(new SearchParams().Add(name, value)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, refused.Outcome.Issue[0].Code);
        Assert.Equal([name], refused.Outcome.Issue[0].Expression);
    }

    [Fact]
    public async Task Lenient_handling_ignores_an_unknown_parameter_and_says_so()
    {
        var client = _server.Client(handling: SearchParameterHandling.Lenient);

        var bundle = await client.SearchAsync<Observation>(new SearchParams().Add("foo", "bar").Add("patient", _patient));

        Assert.Equal(4, bundle!.Entry.Count(e => e.Search.Mode == Bundle.SearchEntryMode.Match));
        var outcome = (OperationOutcome)bundle.Entry.Single(e => e.Search.Mode == Bundle.SearchEntryMode.Outcome).Resource;
        Assert.Equal(OperationOutcome.IssueSeverity.Warning, outcome.Issue[0].Severity);
        Assert.Equal(["foo"], outcome.Issue[0].Expression);
    }

    [Theory]
    [InlineData("date", "2024-13-01")]
    [InlineData("date", "xx2024")]
    [InlineData("_id", "bad$id")]
    [InlineData("patient", "a/b/c")]
    [InlineData("_cursor", "bm90LWEtY3Vyc29y")]
    public async Task A_malformed_value_is_a_400_even_under_lenient_handling(string name, string value)
    {
        var client = _server.Client(handling: SearchParameterHandling.Lenient);

        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.SearchAsync<Observation>(new SearchParams().Add(name, value)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
    }
}
