using System.Text;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Support;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>The patients, heart-rate Observations and Consents the data-plane tests store at a provider, and the ledger entries they read back.</summary>
public static class FhirTestData
{
    private const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    public static Patient NewPatient(string id) => new() { Id = id, Gender = AdministrativeGender.Female, BirthDate = "1961-04-02" };

    public static Observation NewObservation(string id, string patient) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
        Subject = new ResourceReference("Patient/" + patient),
        Effective = new FhirDateTime("2026-11-29T08:00:00Z"),
        Value = new Quantity(128, "/min", "http://unitsofmeasure.org"),
    };

    /// <summary>A patient-privacy Consent with one root provision of <paramref name="type"/> for <paramref name="purpose"/> (a v3 ActReason code).</summary>
    public static Consent NewConsent(string id, string patient, Consent.ConsentProvisionType type, string date, string purpose = "TREAT") => new()
    {
        Id = id,
        Status = Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0")],
        Patient = new ResourceReference("Patient/" + patient),
        DateTime = date,
        Policy = [new Consent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
        Provision = new Consent.provisionComponent { Type = type, Purpose = [new Coding(ActReason, purpose)] },
    };

    /// <summary>Stores <paramref name="resource"/> at <paramref name="provider"/> through its /fhir facade.</summary>
    public static async Task PutAsync(RunningConnector provider, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(resource);
        using var http = new HttpClient { BaseAddress = provider.Identity.PublicUrl };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/{resource.TypeName}/{resource.Id}")
        {
            Content = new StringContent(FhirJson.Serialize(resource), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {resource.TypeName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every <c>data-access</c> entry of <paramref name="provider"/>'s ledger, read through its public API.</summary>
    public static async Task<List<JsonElement>> DataAccessEntriesAsync(RunningConnector provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        using var http = new HttpClient { BaseAddress = provider.Identity.PublicUrl };
        var sth = JsonDocument.Parse(await http.GetStringAsync("/api/ledger/v1/sth")).RootElement.GetProperty("tree_size").GetInt64();
        var all = new List<JsonElement>();
        for (long start = 0; start < sth; start += 1000)
        {
            var page = JsonDocument.Parse(await http.GetStringAsync($"/api/ledger/v1/entries?start={start}&end={Math.Min(sth, start + 1000) - 1}")).RootElement;
            all.AddRange(page.EnumerateArray().Select(e => JsonDocument.Parse(e.GetProperty("entry").GetString()!).RootElement)
                .Where(e => e.GetProperty("kind").GetString() == "data-access"));
        }
        return all;
    }
}
