using System.Net;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Dataspace.Fhir.Tests.Api;

/// <summary>Transaction Bundles: Synthea patients load whole, urn:uuid references resolve, and a failing Bundle writes nothing.</summary>
public sealed class TransactionTests : IAsyncLifetime
{
    private FhirTestServer _server = null!;

    public async Task InitializeAsync() => _server = await FhirTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_Synthea_patient_bundle_loads_with_every_reference_resolved()
    {
        var client = _server.Client();
        var bundle = TestData.SyntheaPatient();
        var observations = bundle.Entry.Count(e => e.Resource is Observation);

        var response = await client.TransactionAsync(bundle);

        Assert.Equal(Bundle.BundleType.TransactionResponse, response!.Type);
        Assert.Equal(bundle.Entry.Count, response.Entry.Count);
        Assert.All(response.Entry, e => Assert.StartsWith("201", e.Response.Status, StringComparison.Ordinal));
        var patientId = response.Entry[bundle.Entry.FindIndex(e => e.Resource is Patient)].Response.Location.Split('/')[1];
        var found = await client.SearchAsync<Observation>(new SearchParams { Summary = SummaryType.Count }.Add("patient", patientId));
        Assert.Equal(observations, found!.Total);
        var one = (await client.SearchAsync<Observation>(new SearchParams().Add("patient", patientId).LimitTo(1)))!.Entry[0].Resource as Observation;
        Assert.Equal("Patient/" + patientId, one!.Subject.Reference);
        Assert.StartsWith("Encounter/", one.Encounter.Reference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_Synthea_bundle_of_the_shared_data_loads()
    {
        var client = _server.Client();
        var expected = new Dictionary<string, int>();
        var files = 0;
        foreach (var (name, bundle) in TestData.AllSynthea())
        {
            var response = await client.TransactionAsync(bundle);

            Assert.True(response!.Entry.All(e => e.Response.Status.StartsWith("201", StringComparison.Ordinal)), name);
            foreach (var entry in bundle.Entry)
                expected[entry.Resource.TypeName] = expected.GetValueOrDefault(entry.Resource.TypeName) + 1;
            files++;
        }

        Assert.True(files >= 20, $"only {files} Synthea bundles found");
        foreach (var (type, count) in expected)
        {
            var stored = await client.SearchAsync(new SearchParams { Summary = SummaryType.Count }, type);
            Assert.Equal(count, stored!.Total);
        }
    }

    [Fact]
    public async Task A_bundle_with_one_bad_entry_writes_nothing()
    {
        var client = _server.Client();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.AddResourceEntry(new Patient { Name = [new HumanName { Family = "Kremer" }] }, "urn:uuid:0d3b7e8a-1a51-4c1e-9a36-5d0c3e3c2b10").Request =
            new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" };
        bundle.AddResourceEntry(new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept("http://loinc.org", "8867-4"), Subject = new ResourceReference("urn:uuid:ffffffff-0000-0000-0000-000000000000") }, "urn:uuid:2f7c1b43-59a4-4c0b-a0a2-8e7d3c1f9a01").Request =
            new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" };

        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.TransactionAsync(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Bundle.entry[1].resource", refused.Outcome.Issue[0].Expression.Single());
        Assert.Equal(0, (await client.SearchAsync<Patient>(new SearchParams { Summary = SummaryType.Count }))!.Total);
    }

    [Fact]
    public async Task An_oversize_transaction_is_refused_with_413_and_writes_nothing()
    {
        await using var server = await FhirTestServer.StartAsync(fhir => fhir.MaxBundleEntries = 10);
        var client = server.Client();

        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.TransactionAsync(TestData.SyntheaPatient()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal(0, (await client.SearchAsync<Patient>(new SearchParams { Summary = SummaryType.Count }))!.Total);
    }

    [Fact]
    public async Task Put_and_delete_entries_update_and_remove_resources_in_one_transaction()
    {
        var client = _server.Client();
        var kept = await client.CreateAsync(new Patient { Name = [new HumanName { Family = "Wagner" }] });
        var removed = await client.CreateAsync(new Patient { Name = [new HumanName { Family = "Thill" }] });
        kept!.Name[0].Family = "Wagner-Thill";
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.AddResourceEntry(kept, $"{_server.BaseUrl}/Patient/{kept.Id}").Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.PUT, Url = $"Patient/{kept.Id}", IfMatch = "W/\"1\"" };
        bundle.Entry.Add(new Bundle.EntryComponent { Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.DELETE, Url = $"Patient/{removed!.Id}" } });

        var response = await client.TransactionAsync(bundle);

        Assert.Equal(["200 OK", "204 No Content"], response!.Entry.Select(e => e.Response.Status));
        Assert.Equal("Wagner-Thill", (await client.ReadAsync<Patient>($"Patient/{kept.Id}"))!.Name[0].Family);
        await Assert.ThrowsAsync<FhirOperationException>(() => client.ReadAsync<Patient>($"Patient/{removed.Id}"));
    }

    [Fact]
    public async Task A_batch_bundle_is_answered_not_supported()
    {
        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => _server.Client().TransactionAsync(new Bundle { Type = Bundle.BundleType.Batch }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, refused.Outcome.Issue[0].Code);
    }
}
