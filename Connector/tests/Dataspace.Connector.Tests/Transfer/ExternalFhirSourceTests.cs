using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// The data plane reading released resources from an external FHIR server: a gateway connector whose
/// <c>Transfer:FhirSource:BaseUrl</c> is the hospital connector's <c>/fhir</c> facade (a real FHIR R4 server over HTTP on
/// loopback) releases what the hospital's own data plane releases, while consents stay the gateway's own.
/// </summary>
public sealed class ExternalFhirSourceTests(ExternalSourceFederation federation) : IClassFixture<ExternalSourceFederation>
{
    private const string Hl7Ns = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private const string HeartRate = "8867-4";
    private const string OxygenSaturation = "59408-5";

    [Fact]
    public async Task A_pull_through_an_external_FHIR_server_gives_each_patient_the_same_consent_result_and_the_same_bytes_as_the_embedded_store()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string consenting = "c" + suffix, filtered = "f" + suffix, denying = "d" + suffix;
        foreach (var patient in new[] { consenting, filtered, denying })
        {
            await PutAsync(federation.Hospital, new Patient { Id = patient, BirthDate = "1961-04-02" });
            await PutAsync(federation.Hospital, NewObservation("hr-" + patient, patient, HeartRate));
            await PutAsync(federation.Hospital, NewObservation("sp-" + patient, patient, OxygenSaturation));
        }
        // The same Consents in both registries: a permit, a permit except heart rates, a deny.
        foreach (var registry in new[] { federation.Hospital, federation.Gateway })
        {
            await PutAsync(registry, NewConsent("kc" + suffix, consenting, Consent.ConsentProvisionType.Permit));
            await PutAsync(registry, NewConsent("kf" + suffix, filtered, Consent.ConsentProvisionType.Permit, exceptCode: HeartRate));
            await PutAsync(registry, NewConsent("kd" + suffix, denying, Consent.ConsentProvisionType.Deny));
        }

        var embedded = await PullAsync(federation.Hospital, consenting, filtered, denying);
        var external = await PullAsync(federation.Gateway, consenting, filtered, denying);

        Assert.Equal(["hr-" + consenting, "sp-" + consenting, "sp-" + filtered], embedded.Select(Id));
        Assert.Equal(embedded, external);
        var hospitalEntry = await LatestDataAccessAsync(federation.Hospital);
        var gatewayEntry = await LatestDataAccessAsync(federation.Gateway);
        Assert.Equal(Decisions(hospitalEntry), Decisions(gatewayEntry));
        Assert.Equal(["deny:0", "permit-with-filters:1", "permit:2"], Decisions(gatewayEntry));
        Assert.Equal(3, gatewayEntry.GetProperty("resourceCount").GetInt64());
    }

    [Fact]
    public async Task Consents_come_from_the_gateways_own_store_and_search_filters_reach_the_external_server()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string patient = "p" + suffix, deniedHere = "x" + suffix;
        foreach (var id in new[] { patient, deniedHere })
        {
            await PutAsync(federation.Hospital, new Patient { Id = id });
            await PutAsync(federation.Hospital, NewObservation("hr-" + id, id, HeartRate));
            await PutAsync(federation.Hospital, NewObservation("sp-" + id, id, OxygenSaturation));
            // The external server holds a permit for both; it is not the consent registry, so it must not count.
            await PutAsync(federation.Hospital, NewConsent("k" + id, id, Consent.ConsentProvisionType.Permit));
        }
        await PutAsync(federation.Gateway, NewConsent("k" + patient, patient, Consent.ConsentProvisionType.Permit));
        await PutAsync(federation.Gateway, NewConsent("k" + deniedHere, deniedHere, Consent.ConsentProvisionType.Deny));
        // A resource in the gateway's own store is not what its data plane serves.
        await PutAsync(federation.Gateway, NewObservation("local-" + patient, patient, OxygenSaturation));

        var lines = await PullAsync(federation.Gateway, [patient, deniedHere], $"&code={Uri.EscapeDataString("http://loinc.org|" + OxygenSaturation)}");

        Assert.Equal(["sp-" + patient], lines.Select(Id));
        Assert.Equal(["deny:0", "permit:1"], Decisions(await LatestDataAccessAsync(federation.Gateway)));
    }

    [Fact]
    public async Task Entries_outside_the_patients_search_are_dropped_pretty_printed_JSON_becomes_one_line_and_a_next_link_to_another_host_stops_the_read()
    {
        await using var server = await CannedFhirServer.StartAsync();
        var source = server.Source();

        var lines = new List<string>();
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var json in source.ReadAsync("Observation", "Patient/p1", [new("code", HeartRate)], CancellationToken.None))
                lines.Add(Encoding.UTF8.GetString(json.Span));
        });

        // Page one: the patient's Observation (pretty-printed), another patient's, an included Patient, an outcome.
        var line = Assert.Single(lines);
        Assert.DoesNotContain('\n', line);
        Assert.Equal("mine", JsonDocument.Parse(line).RootElement.GetProperty("id").GetString());
        Assert.Contains("leaves its base URL", failure.Message, StringComparison.Ordinal);
        Assert.Equal(["_count=500&patient=Patient%2Fp1&code=8867-4 strict"], server.Requests);
    }

    [Fact]
    public void The_external_servers_URL_is_checked_at_start_like_every_other_URL()
    {
        static IReadOnlyList<string> Problems(string? url)
        {
            var options = TestConnectors.Options("checked");
            options.Transfer.FhirSource.BaseUrl = url;
            return ConnectorOptionsValidator.Validate(options).Where(p => p.Contains("FhirSource", StringComparison.Ordinal)).ToList();
        }

        Assert.Empty(Problems(null));
        Assert.Empty(Problems("https://fhir.hospital.example/fhir"));
        Assert.Empty(Problems("http://127.0.0.1:8080/fhir"));
        Assert.Contains("plain http only on loopback", Assert.Single(Problems("http://fhir.hospital.example/fhir")), StringComparison.Ordinal);
        Assert.Contains("absolute http(s) URL", Assert.Single(Problems("fhir/base")), StringComparison.Ordinal);
        Assert.Contains("absolute http(s) URL", Assert.Single(Problems("ftp://fhir.hospital.example/fhir")), StringComparison.Ordinal);
        Assert.Contains("without query", Assert.Single(Problems("https://fhir.hospital.example/fhir?tenant=1")), StringComparison.Ordinal);
        var options = TestConnectors.Options("checked");
        options.Transfer.FhirSource.PageSize = 0;
        Assert.Contains(ConnectorOptionsValidator.Validate(options), p => p.Contains("PageSize", StringComparison.Ordinal));
    }

    private static string Id(string line) => JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!;

    /// <summary>Each patient's decision and count in the entry, as sorted <c>decision:count</c> (pseudonyms, and so the entry's order, differ between connectors).</summary>
    private static List<string> Decisions(JsonElement entry) =>
        [.. entry.GetProperty("patients").EnumerateArray().Select(p => $"{p.GetProperty("decision").GetString()}:{p.GetProperty("resourceCount").GetInt64()}").Order(StringComparer.Ordinal)];

    /// <summary>The NDJSON lines the partner receives from <paramref name="provider"/> through a fresh FHIR-PULL transfer.</summary>
    private Task<List<string>> PullAsync(RunningConnector provider, params string[] patients) => PullAsync(provider, patients, "");

    /// <summary>As the other overload, with more search parameters (<c>&amp;name=value</c>, escaped).</summary>
    private async Task<List<string>> PullAsync(RunningConnector provider, string[] patients, string search)
    {
        var transfer = await federation.StartedTransferAsync(provider);
        using var management = new ManagementClient(federation.Partner);
        using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(transfer)}/data?resourceType=Observation&patient={string.Join(',', patients)}{search}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    private static async Task<JsonElement> LatestDataAccessAsync(RunningConnector provider)
    {
        using var http = new HttpClient { BaseAddress = provider.Identity.PublicUrl };
        return await Eventually.WaitAsync<object>(async () =>
        {
            var size = JsonDocument.Parse(await http.GetStringAsync("/api/ledger/v1/sth")).RootElement.GetProperty("tree_size").GetInt64();
            var entries = JsonDocument.Parse(await http.GetStringAsync($"/api/ledger/v1/entries?start={Math.Max(0, size - 20)}&end={size - 1}")).RootElement;
            return entries.EnumerateArray().Select(e => JsonDocument.Parse(e.GetProperty("entry").GetString()!).RootElement)
                .LastOrDefault(e => e.GetProperty("kind").GetString() == "data-access" && e.GetProperty("patients").GetArrayLength() > 0) is { ValueKind: JsonValueKind.Object } found
                ? found
                : null;
        }, "a data-access entry") is JsonElement entry ? entry : default;
    }

    private static async Task PutAsync(RunningConnector connector, Resource resource)
    {
        using var http = new HttpClient { BaseAddress = connector.Identity.PublicUrl };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/{resource.TypeName}/{resource.Id}")
        {
            Content = new StringContent(FhirJson.Serialize(resource), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {resource.TypeName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static Observation NewObservation(string id, string patient, string loinc) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", loinc),
        Subject = new ResourceReference("Patient/" + patient),
        Effective = new FhirDateTime("2026-11-29T08:00:00Z"),
        Value = new Quantity(97, "%", "http://unitsofmeasure.org"),
    };

    private static Consent NewConsent(string id, string patient, Consent.ConsentProvisionType type, string? exceptCode = null) => new()
    {
        Id = id,
        Status = Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0")],
        Patient = new ResourceReference("Patient/" + patient),
        DateTime = "2024-01-15",
        Policy = [new Consent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
        Provision = new Consent.provisionComponent
        {
            Type = type,
            Purpose = [new Coding(Hl7Ns, "TREAT")],
            Provision = exceptCode is null
                ? []
                : [new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny, Code = [new CodeableConcept("http://loinc.org", exceptCode)] }],
        },
    };

    /// <summary>A FHIR server on loopback that answers every search with the same two pages, the second behind a next link to another host.</summary>
    private sealed class CannedFhirServer : IAsyncDisposable
    {
        private const string FirstPage = """
            {
              "resourceType": "Bundle", "type": "searchset",
              "link": [ { "relation": "next", "url": "http://127.0.0.2:9/fhir/Observation?page=2" } ],
              "entry": [
                { "resource": {
                    "resourceType": "Observation", "id": "mine", "status": "final",
                    "code": { "coding": [ { "system": "http://loinc.org", "code": "8867-4" } ] },
                    "subject": { "reference": "Patient/p1" } },
                  "search": { "mode": "match" } },
                { "resource": { "resourceType": "Observation", "id": "theirs", "status": "final",
                    "code": { "coding": [ { "system": "http://loinc.org", "code": "8867-4" } ] },
                    "subject": { "reference": "Patient/p2" } },
                  "search": { "mode": "match" } },
                { "resource": { "resourceType": "Patient", "id": "p1" }, "search": { "mode": "include" } },
                { "resource": { "resourceType": "OperationOutcome",
                    "issue": [ { "severity": "information", "code": "informational" } ] },
                  "search": { "mode": "outcome" } }
              ]
            }
            """;

        private readonly WebApplication _app;
        private readonly string _url;

        private CannedFhirServer(WebApplication app, string url)
        {
            _app = app;
            _url = url;
        }

        /// <summary>The query string and <c>Prefer</c> handling of each search received.</summary>
        public List<string> Requests { get; } = [];

        public static async Task<CannedFhirServer> StartAsync()
        {
            var url = $"http://127.0.0.1:{LoopbackPorts.Next()}";
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls(url);
            builder.WebHost.UseSockets(LoopbackPorts.UseHeldSockets);
            var app = builder.Build();
            var server = new CannedFhirServer(app, url);
            app.MapGet("/fhir/Observation", (HttpContext context) =>
            {
                var prefer = context.Request.Headers["Prefer"].ToString();
                server.Requests.Add(context.Request.QueryString.Value!.TrimStart('?') + (prefer.Contains("handling=strict", StringComparison.Ordinal) ? " strict" : " lenient"));
                return Results.Text(FirstPage, "application/fhir+json");
            });
            await app.StartAsync();
            return server;
        }

        /// <summary>An <see cref="ExternalFhirSource"/> reading this server.</summary>
        public ExternalFhirSource Source()
        {
            var options = TestConnectors.Options("reader");
            options.Transfer.FhirSource.BaseUrl = _url + "/fhir";
            var services = new ServiceCollection().AddOptions().AddSingleton(Options.Create(options)).AddFhirSource().BuildServiceProvider();
            return new ExternalFhirSource(services.GetRequiredService<IHttpClientFactory>(), Options.Create(options), NullLogger<ExternalFhirSource>.Instance);
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

/// <summary>
/// A hospital connector holding the data in its embedded store, a gateway connector whose data plane reads the hospital's
/// <c>/fhir</c> facade, and a partner hospital consuming from both, each with the cardiology offer negotiated once.
/// </summary>
public sealed class ExternalSourceFederation : IAsyncLifetime
{
    private readonly Dictionary<string, string> _agreements = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RunningConnector Hospital { get; private set; } = null!;
    public RunningConnector Gateway { get; private set; } = null!;
    public RunningConnector Partner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var hospital = TestConnectors.Options("hospital");
        var gateway = TestConnectors.Options("gateway");
        var partner = TestConnectors.Options("partner");
        var partnerMember = new MemberOptions { Did = Did(partner), Country = "DE", Role = "hospital", Purposes = [NegotiationFederation.Hl7 + "TREAT"] };
        hospital.Members = [partnerMember];
        gateway.Members = [partnerMember];
        partner.Members = [new() { Did = Did(hospital), Role = "hospital" }, new() { Did = Did(gateway), Role = "hospital" }];
        gateway.Transfer.FhirSource.BaseUrl = hospital.Participant.PublicUrl + "/fhir";
        gateway.Transfer.FhirSource.Headers[ApiKeyFilter.Header] = TestConnectors.OperatorKey;
        // One resource per page, so every pull follows the hospital's next links.
        gateway.Transfer.FhirSource.PageSize = 1;
        foreach (var options in new[] { hospital, gateway, partner })
        {
            options.Catalog.CrawlInterval = TimeSpan.Zero;
            options.Negotiation.AutoRespond = true;
            options.Outbox.RetryBase = TimeSpan.FromMilliseconds(100);
            options.Outbox.RetryMax = TimeSpan.FromMilliseconds(500);
        }
        Hospital = await TestConnectors.StartAsync(hospital);
        Gateway = await TestConnectors.StartAsync(gateway);
        Partner = await TestConnectors.StartAsync(partner);
        foreach (var provider in new[] { Hospital, Gateway })
        {
            using var management = new ManagementClient(provider);
            await NegotiationSeed.SeedAsync(management);
        }
    }

    /// <summary>The partner's id of a new FHIR-PULL transfer from <paramref name="provider"/>, STARTED with an EDR.</summary>
    public async Task<string> StartedTransferAsync(RunningConnector provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var started = await NegotiationDriver.PostAsync(Partner, "transfers",
            new JsonObject { ["agreementId"] = await AgreementAsync(provider), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        await Eventually.WaitAsync<object>(async () =>
            await TransferDriver.GetAsync(Partner, id) is { } view
            && view.GetProperty("state").GetString() == "STARTED" && view.GetProperty("edr").ValueKind == JsonValueKind.Object ? view : null, "the EDR");
        return id;
    }

    private async Task<string> AgreementAsync(RunningConnector provider)
    {
        await _gate.WaitAsync();
        try
        {
            if (!_agreements.TryGetValue(provider.Identity.Did, out var agreementId))
            {
                var started = await NegotiationDriver.PostAsync(Partner, "negotiations",
                    new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
                var view = await NegotiationDriver.StateAsync(Partner, started.GetProperty("id").GetString()!, "FINALIZED");
                agreementId = view.GetProperty("agreement").GetProperty("@id").GetString()!;
                await NegotiationDriver.StateAsync(provider, view.GetProperty("providerPid").GetString()!, "FINALIZED");
                _agreements[provider.Identity.Did] = agreementId;
            }
            return agreementId;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static string Did(ConnectorOptions options) => DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));

    public async Task DisposeAsync()
    {
        await Partner.DisposeAsync();
        await Gateway.DisposeAsync();
        await Hospital.DisposeAsync();
        _gate.Dispose();
    }
}
