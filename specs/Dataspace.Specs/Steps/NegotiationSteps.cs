using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Specs.Support;
using TechTalk.SpecFlow;
using Xunit;

namespace Dataspace.Specs.Steps;

[Binding]
public sealed class NegotiationSteps(Federation federation) : IDisposable
{
    private const string OperatorKey = "spec-negotiation-key-0123456789";
    private const string Hl7 = "http://terminology.hl7.org/CodeSystem/v3-ActReason#";
    private readonly HttpClient _http = new();
    private string? _consumer;
    private string? _provider;
    private JsonElement _consumerView;
    private JsonElement _providerView;

    [Given(@"^the hospital ""([^""]*)"", the partner hospital ""([^""]*)"" entitled to treatment and emergency treatment and the research institute ""([^""]*)"" entitled to health research run connectors on loopback$")]
    public async Task GivenParticipants(string hospital, string partner, string research)
    {
        var hospitalOptions = Federation.Options(hospital, "LU", null);
        var partnerOptions = Federation.Options(partner, "DE", null);
        var researchOptions = Federation.Options(research, "LU", null);
        hospitalOptions.Members =
        [
            new() { Did = Federation.Did(partnerOptions), Country = "DE", Role = "hospital", Purposes = [Hl7 + "TREAT", Hl7 + "ETREAT"] },
            new() { Did = Federation.Did(researchOptions), Country = "LU", Role = "research", Purposes = [Hl7 + "HRESCH"] },
        ];
        partnerOptions.Members = [new() { Did = Federation.Did(hospitalOptions), Country = "LU", Role = "hospital" }];
        researchOptions.Members = [new() { Did = Federation.Did(hospitalOptions), Country = "LU", Role = "hospital" }];
        foreach (var options in new[] { hospitalOptions, partnerOptions, researchOptions })
        {
            options.Catalog.CrawlInterval = TimeSpan.Zero;
            options.Management.ApiKeys = [new ApiKeyOptions { Key = OperatorKey, Role = ManagementRoles.Operator }];
            await federation.StartAsync(options);
        }
    }

    [Given(@"^""([^""]*)"" offers its ambulance vitals stream to hospitals in the EU for emergency treatment$")]
    public async Task GivenTheAmbulanceOffer(string hospital)
    {
        await CreateAsync(hospital, "assets", Asset("ambulance-vitals-stream", "Ambulance ECG and vital signs stream", "DEVICE-STREAM"));
        await CreateAsync(hospital, "policies", """
            { "id": "hospitals-only", "policy": { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:hrs:policy:hospitals-only",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "urn:dataspace:policy:role", "operator": "eq", "rightOperand": "hospital" }] }] } }
            """);
        await CreateAsync(hospital, "policies", """
            { "id": "emergency-treatment", "policy": { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:hrs:policy:emergency-treatment",
              "permission": [{ "action": "use", "constraint": [{ "and": [
                { "leftOperand": "purpose", "operator": "isA", "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#ETREAT" } },
                { "leftOperand": "spatial", "operator": "eq", "rightOperand": "EU" } ] }] }] } }
            """);
        await CreateAsync(hospital, "contractdefinitions", """
            { "id": "ambulance-stream-for-hospitals", "accessPolicyId": "hospitals-only", "contractPolicyId": "emergency-treatment",
              "assetSelector": [{ "property": "id", "operator": "=", "values": ["ambulance-vitals-stream"] }] }
            """);
    }

    [Given(@"^""([^""]*)"" offers its wearable trends to every member for treatment$")]
    public async Task GivenTheTrendsOffer(string hospital)
    {
        await CreateAsync(hospital, "assets", Asset("wearable-trends", "Heart-rate trends from wearables", "FHIR-PULL"));
        await CreateAsync(hospital, "policies", """
            { "id": "members", "policy": { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:hrs:policy:members", "permission": [{ "action": "use" }] } }
            """);
        await CreateAsync(hospital, "policies", """
            { "id": "treatment", "policy": { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:hrs:policy:treatment",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "purpose", "operator": "isA",
                "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT" } }] }] } }
            """);
        await CreateAsync(hospital, "contractdefinitions", """
            { "id": "trends-for-treatment", "accessPolicyId": "members", "contractPolicyId": "treatment",
              "assetSelector": [{ "property": "id", "operator": "=", "values": ["wearable-trends"] }] }
            """);
    }

    [When(@"^""([^""]*)"" negotiates the offer for ""([^""]*)"" with ""([^""]*)""$")]
    public async Task WhenNegotiating(string consumer, string dataset, string provider)
    {
        _consumer = consumer;
        _provider = provider;
        var definition = dataset == "ambulance-vitals-stream" ? "ambulance-stream-for-hospitals" : "trends-for-treatment";
        var body = JsonSerializer.Serialize(new { counterPartyDid = federation[provider].Identity.Did, offerId = OfferId.Create(definition, dataset) });
        using var response = await SendAsync(consumer, HttpMethod.Post, "negotiations", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        _consumerView = await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Then(@"^the negotiation reaches ""([^""]*)"" at ""([^""]*)"" and at ""([^""]*)""$")]
    public async Task ThenBothReach(string state, string consumer, string provider)
    {
        _consumerView = await WaitForStateAsync(consumer, _consumerView.GetProperty("id").GetString()!, state);
        _providerView = await WaitForStateAsync(provider, _consumerView.GetProperty("providerPid").GetString()!, state);
    }

    [Then(@"^both hold the same agreement on ""([^""]*)"" from ""([^""]*)"" to ""([^""]*)""$")]
    public void ThenTheAgreement(string dataset, string provider, string consumer)
    {
        var agreement = _consumerView.GetProperty("agreement");
        Assert.Equal(agreement.GetRawText(), _providerView.GetProperty("agreement").GetRawText());
        Assert.Equal(dataset, agreement.GetProperty("target").GetString());
        Assert.Equal(federation[provider].Identity.Did, agreement.GetProperty("assigner").GetString());
        Assert.Equal(federation[consumer].Identity.Did, agreement.GetProperty("assignee").GetString());
    }

    [Then(@"^""([^""]*)"" was told ""([^""]*)""$")]
    public void ThenTold(string consumer, string reason)
    {
        Assert.Equal(consumer, _consumer);
        var last = _consumerView.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(reason, last.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, last.GetProperty("explanation").ValueKind);
    }

    [Then(@"^the operator of ""([^""]*)"" reads that health research was evaluated against treatment$")]
    public void ThenTheOperatorReads(string provider)
    {
        Assert.Equal(provider, _provider);
        var explanation = _providerView.GetProperty("history").EnumerateArray().Last().GetProperty("explanation").GetString()!;
        Assert.Contains(Hl7 + "HRESCH", explanation, StringComparison.Ordinal);
        Assert.Contains("TREAT", explanation.Replace(Hl7 + "HRESCH", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private async Task<JsonElement> WaitForStateAsync(string participant, string id, string state)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            using var response = await SendAsync(participant, HttpMethod.Get, "negotiations/" + Uri.EscapeDataString(id), null);
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (response.IsSuccessStatusCode && view.GetProperty("state").GetString() == state)
                return view;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{participant} did not reach {state}: {view}");
            await Task.Delay(20);
        }
    }

    private static string Asset(string id, string title, string transferType) => $$"""
        { "id": "{{id}}", "description": { "title": "{{title}}", "description": "Synthetic test data.", "keywords": ["test"],
          "publisher": "https://www.hopitauxschuman.lu", "healthCategories": ["MEDICAL_DEVICE_DATA"], "countries": ["LU"],
          "transferTypes": ["{{transferType}}"] },
          "dataAddress": { "type": "DeviceStream", "properties": {} } }
        """;

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
