using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Management;
using Dataspace.Specs.Support;
using TechTalk.SpecFlow;
using Xunit;

namespace Dataspace.Specs.Steps;

[Binding]
public sealed class TransferSteps(Federation federation) : IDisposable
{
    // The key the participants step gives every connector's operator.
    private const string OperatorKey = "spec-negotiation-key-0123456789";
    private readonly HttpClient _http = new();
    private string? _transferId;
    private List<string> _received = [];

    [Given(@"^""([^""]*)"" offers its cardiology records to hospitals for treatment, at most (\d+) pulls per agreement$")]
    public async Task GivenTheCardiologyOffer(string hospital, int pulls)
    {
        await CreateAsync(hospital, "assets", """
            { "id": "cardiology-records", "description": { "title": "Cardiology records", "description": "Synthetic test data.", "keywords": ["cardiology"],
              "publisher": "https://www.hopitauxschuman.lu", "healthCategories": ["EHR"], "countries": ["LU"], "transferTypes": ["FHIR-PULL"] },
              "dataAddress": { "type": "FhirStore", "properties": {} } }
            """);
        await CreateAsync(hospital, "policies", """
            { "id": "hospitals", "policy": { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:hrs:policy:hospitals",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "urn:dataspace:policy:role", "operator": "eq", "rightOperand": "hospital" }] }] } }
            """);
        await CreateAsync(hospital, "policies", $$"""
            { "id": "treatment-counted", "policy": { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:hrs:policy:treatment-counted",
              "permission": [{ "action": "use", "constraint": [
                { "leftOperand": "purpose", "operator": "isA", "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT" } },
                { "leftOperand": "count", "operator": "lteq", "rightOperand": {{pulls}} } ] }] } }
            """);
        await CreateAsync(hospital, "contractdefinitions", """
            { "id": "cardiology-for-hospitals", "accessPolicyId": "hospitals", "contractPolicyId": "treatment-counted",
              "assetSelector": [{ "property": "id", "operator": "=", "values": ["cardiology-records"] }] }
            """);
    }

    [Given(@"^""([^""]*)"" holds heart-rate Observations of patient ""([^""]*)"", who consents to treatment, and of patient ""([^""]*)"", who denied sharing$")]
    public async Task GivenThePatients(string hospital, string consenting, string denying)
    {
        foreach (var (patient, provision) in new[] { (consenting, "permit"), (denying, "deny") })
        {
            await PutFhirAsync(hospital, "Patient", patient, $$"""{ "resourceType": "Patient", "id": "{{patient}}", "gender": "unknown" }""");
            await PutFhirAsync(hospital, "Observation", "hr-" + patient, $$"""
                { "resourceType": "Observation", "id": "hr-{{patient}}", "status": "final",
                  "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs" }] }],
                  "code": { "coding": [{ "system": "http://loinc.org", "code": "8867-4", "display": "Heart rate" }] },
                  "subject": { "reference": "Patient/{{patient}}" }, "effectiveDateTime": "2026-11-29T08:00:00Z",
                  "valueQuantity": { "value": 131, "unit": "/min", "system": "http://unitsofmeasure.org", "code": "/min" } }
                """);
            await PutFhirAsync(hospital, "Consent", "consent-" + patient, $$"""
                { "resourceType": "Consent", "id": "consent-{{patient}}", "status": "active",
                  "scope": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy" }] },
                  "category": [{ "coding": [{ "system": "http://loinc.org", "code": "59284-0" }] }],
                  "patient": { "reference": "Patient/{{patient}}" }, "dateTime": "2024-01-15",
                  "policy": [{ "uri": "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
                  "provision": { "type": "{{provision}}" } }
                """);
        }
    }

    [When(@"^""([^""]*)"" concludes an agreement on the cardiology records with ""([^""]*)"" and starts a FHIR pull$")]
    public async Task WhenStartingAPull(string consumer, string provider)
    {
        var body = JsonSerializer.Serialize(new { counterPartyDid = federation[provider].Identity.Did, offerId = OfferId.Create("cardiology-for-hospitals", "cardiology-records") });
        var negotiation = await PostAsync(consumer, "negotiations", body);
        var finalized = await WaitForAsync(consumer, "negotiations/" + Uri.EscapeDataString(negotiation.GetProperty("id").GetString()!),
            view => view.GetProperty("state").GetString() == "FINALIZED");
        var agreementId = finalized.GetProperty("agreement").GetProperty("@id").GetString()!;
        await WaitForAsync(provider, "negotiations/" + Uri.EscapeDataString(finalized.GetProperty("providerPid").GetString()!),
            view => view.GetProperty("state").GetString() == "FINALIZED");
        var transfer = await PostAsync(consumer, "transfers", JsonSerializer.Serialize(new { agreementId, format = "FHIR-PULL" }));
        _transferId = transfer.GetProperty("id").GetString()!;
        await WaitForAsync(consumer, "transfers/" + Uri.EscapeDataString(_transferId),
            view => view.GetProperty("state").GetString() == "STARTED" && view.GetProperty("edr").ValueKind == JsonValueKind.Object);
    }

    [When(@"^""([^""]*)"" pulls the Observations of ""([^""]*)"" and ""([^""]*)""$")]
    public async Task WhenPulling(string consumer, string first, string second)
    {
        using var response = await PullAsync(consumer, first, second);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        _received = text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("subject").GetProperty("reference").GetString()!).ToList();
    }

    [Then(@"^""([^""]*)"" receives the Observations of ""([^""]*)"" only$")]
    public void ThenReceived(string consumer, string patient)
    {
        Assert.NotNull(federation[consumer]);
        Assert.Equal(["Patient/" + patient], _received);
    }

    [Then(@"^the next pull of ""([^""]*)"" is refused because the agreement is used up$")]
    public async Task ThenRefused(string consumer)
    {
        using var response = await PullAsync(consumer, "anna", "bruno");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("usage_denied", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Then(@"^the ledger of ""([^""]*)"" records (\d+) data access(?:es)?$")]
    public async Task ThenTheLedger(string provider, int count)
    {
        var baseUrl = federation[provider].Identity.PublicUrl;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var size = (await _http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, "/api/ledger/v1/sth"))).GetProperty("tree_size").GetInt64();
            var accesses = 0;
            if (size > 0)
            {
                var entries = await _http.GetFromJsonAsync<JsonElement>(new Uri(baseUrl, $"/api/ledger/v1/entries?start=0&end={size - 1}"));
                accesses = entries.EnumerateArray().Count(e => e.GetProperty("entry").GetString()!.Contains("\"kind\":\"data-access\"", StringComparison.Ordinal));
            }
            if (accesses == count)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{provider}'s ledger holds {accesses} data accesses, not {count}");
            await Task.Delay(20);
        }
    }

    [Then(@"^the access report of ""([^""]*)"" at ""([^""]*)"" lists (\d+) access(?:es)? by ""([^""]*)"" for ""([^""]*)"" with decision ""([^""]*)"" and (\d+) resources?$")]
    public async Task ThenTheAccessReport(string patient, string provider, int count, string consumer, string purpose, string decision, int resources)
    {
        using var response = await SendAsync(provider, HttpMethod.Get, $"patients/{Uri.EscapeDataString(patient)}/access-report", null);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        using var report = JsonDocument.Parse(text);
        Assert.DoesNotContain("Patient/" + patient, report.RootElement.GetProperty("accesses").GetRawText(), StringComparison.Ordinal);
        var accesses = report.RootElement.GetProperty("accesses").EnumerateArray().ToList();
        Assert.Equal(count, accesses.Count);
        foreach (var access in accesses)
        {
            Assert.Equal(federation[consumer].Identity.Did, access.GetProperty("consumerDid").GetString());
            Assert.Equal(purpose, access.GetProperty("purpose").GetString());
            Assert.Equal(decision, access.GetProperty("decision").GetString());
            Assert.Equal(resources, access.GetProperty("resourceCount").GetInt64());
        }
    }

    private Task<HttpResponseMessage> PullAsync(string consumer, string first, string second) =>
        SendAsync(consumer, HttpMethod.Get, $"transfers/{Uri.EscapeDataString(_transferId!)}/data?resourceType=Observation&patient={first},{second}", null);

    private async Task PutFhirAsync(string participant, string type, string id, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(federation[participant].Identity.PublicUrl, $"/fhir/{type}/{id}"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add(ApiKeyFilter.Header, OperatorKey);
        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {type}/{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonElement> WaitForAsync(string participant, string path, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await SendAsync(participant, HttpMethod.Get, path, null);
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.IsSuccessStatusCode && done(view))
                return view;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{participant} {path}: {view}");
            await Task.Delay(20);
        }
    }

    private async Task<JsonElement> PostAsync(string participant, string path, string json)
    {
        using var response = await SendAsync(participant, HttpMethod.Post, path, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task CreateAsync(string participant, string path, string json)
    {
        using var response = await SendAsync(participant, HttpMethod.Post, path, json);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private Task<HttpResponseMessage> SendAsync(string participant, HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, new Uri(federation[participant].Identity.PublicUrl, ParticipantEndpoints.Base + "/" + path));
        request.Headers.Add(ApiKeyFilter.Header, OperatorKey);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return _http.SendAsync(request);
    }

    public void Dispose() => _http.Dispose();
}
