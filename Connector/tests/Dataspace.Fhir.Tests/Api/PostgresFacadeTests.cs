using System.Net;
using System.Text.Json;
using Dataspace.Fhir.Export;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Fhir.Tests.Api;

/// <summary>The facade end to end on PostgreSQL: the SQL of search, paging, transactions and export on the production database.</summary>
public sealed class PostgresFacadeTests
{
    [SkippableFact]
    public async Task A_Synthea_patient_loads_searches_pages_and_exports_on_PostgreSQL()
    {
        await using var server = await FhirTestServer.StartAsync(database: TestPostgres.NewDatabase());
        var client = server.Client();
        var bundle = TestData.SyntheaPatient(2);
        var response = await client.TransactionAsync(bundle);
        var patient = response!.Entry[bundle.Entry.FindIndex(e => e.Resource is Patient)].Response.Location.Split('/')[1];
        var observations = bundle.Entry.Select(e => e.Resource).OfType<Observation>().ToList();

        var all = new List<string?>();
        var page = await client.SearchAsync<Observation>(new SearchParams().Add("patient", patient).OrderBy("date", SortOrder.Descending).LimitTo(7));
        while (page is not null)
        {
            all.AddRange(page.Entry.Select(e => e.Resource.Id));
            page = await client.ContinueAsync(page, PageDirection.Next);
        }
        var vitals = await client.SearchAsync<Observation>(new SearchParams { Summary = SummaryType.Count }.Add("patient", patient).Add("category", "vital-signs").Add("date", "ge1900").Add("_lastUpdated", "gt2000-01-01"));
        var loinc = observations.First().Code.Coding[0];
        var byCode = await client.SearchAsync<Observation>(new SearchParams { Summary = SummaryType.Count }.Add("code", $"{loinc.System}|{loinc.Code}"));

        Assert.Equal(observations.Count, all.Distinct().Count());
        Assert.Equal(observations.Count(o => o.Category.Any(c => c.Coding.Any(x => x.Code == "vital-signs"))), vitals!.Total);
        Assert.Equal(observations.Count(o => o.Code.Coding.Any(c => c.System == loinc.System && c.Code == loinc.Code)), byCode!.Total);

        using var http = FhirTestServer.Http();
        using var kickOff = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/Patient/$export?_type=Observation");
        kickOff.Headers.Add("Prefer", "respond-async");
        using var accepted = await http.SendAsync(kickOff);
        var statusUrl = accepted.Content.Headers.ContentLocation!.ToString();
        await server.Services.GetRequiredService<ExportJobs>().Find(statusUrl.Split('/')[^1])!.Completion;
        using var manifest = JsonDocument.Parse(await http.GetStringAsync(statusUrl));
        var output = Assert.Single(manifest.RootElement.GetProperty("output").EnumerateArray());
        Assert.Equal(observations.Count, output.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }
}
