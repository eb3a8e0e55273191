using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// Break-glass through the data plane between real connectors: the provider admits it for hospitals only
/// (<c>Transfer:BreakGlass:Allowed = [hospital]</c>) and under agreements whose purpose admits emergency treatment; an
/// admitted request overrides a patient's deny, is a break-glass ledger entry and a warning in the operator's log; every
/// refusal is a 403 and a break-glass ledger entry too.
/// </summary>
public sealed class BreakGlassTests(BreakGlassTests.Federation federation) : IClassFixture<BreakGlassTests.Federation>
{
    private const string Hl7 = "http://terminology.hl7.org/CodeSystem/v3-ActReason";

    [Fact]
    public async Task An_admitted_emergency_clinician_gets_a_denying_patients_data_and_the_access_is_logged_and_a_break_glass_ledger_entry()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string patient = "bg" + suffix, consent = "k" + Guid.NewGuid().ToString("n")[..8];
        await federation.PutAsync(new Patient { Id = patient, Gender = AdministrativeGender.Male, BirthDate = "1950-02-03" });
        await federation.PutAsync(Observation("obg" + suffix, patient));
        await federation.PutAsync(DenyingConsent(consent, patient));
        var transfer = await federation.StartedAsync(federation.Consumer, NegotiationSeed.CardiologyOffer);

        var (status, text) = await federation.FetchAsync(federation.Consumer, transfer, patient, breakGlass: null);
        Assert.Equal((HttpStatusCode.OK, ""), (status, text));
        var before = await federation.DataAccessEntriesAsync();
        var logged = federation.Log.Count;

        (status, text) = await federation.FetchAsync(federation.Consumer, transfer, patient, breakGlass: "cardiac-arrest");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Observation/obg" + suffix, Reference(Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries))));

        var entry = (await federation.DataAccessEntriesAsync(before.Count + 1))[^1];
        Assert.True(entry.GetProperty("breakGlass").GetBoolean());
        Assert.Equal("BTG", entry.GetProperty("purpose").GetString());
        Assert.Equal("permit", Assert.Single(entry.GetProperty("patients").EnumerateArray()).GetProperty("decision").GetString());
        Assert.Equal(1, entry.GetProperty("resourceCount").GetInt64());
        Assert.Contains(consent, entry.GetProperty("consentIds").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain(patient, entry.GetRawText(), StringComparison.Ordinal);
        Assert.False(before[^1].GetProperty("breakGlass").GetBoolean());

        var warning = Assert.Single(federation.Log.Skip(logged), l => l.Contains("BREAK-GLASS", StringComparison.Ordinal));
        Assert.Contains(entry.GetProperty("agreementId").GetString()!, warning, StringComparison.Ordinal);
        Assert.Contains(federation.Consumer.Identity.Did, warning, StringComparison.Ordinal);
        Assert.Contains("cardiac-arrest", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(suffix, warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Break_glass_by_a_consumer_the_provider_does_not_allow_is_403_with_a_ledger_entry_of_the_refusal()
    {
        var patient = "rbg" + Guid.NewGuid().ToString("n")[..8];
        await federation.PutAsync(new Patient { Id = patient });
        await federation.PutAsync(Observation("o" + patient, patient));
        var transfer = await federation.StartedAsync(federation.Research, NegotiationSeed.ResearchOffer);
        var before = await federation.DataAccessEntriesAsync();

        var (status, text) = await federation.FetchAsync(federation.Research, transfer, patient, breakGlass: "cardiac-arrest");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("break_glass_denied", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain(patient, text, StringComparison.Ordinal);

        var entry = (await federation.DataAccessEntriesAsync(before.Count + 1))[^1];
        Assert.True(entry.GetProperty("breakGlass").GetBoolean());
        Assert.Equal("deny", entry.GetProperty("decision").GetString());
        Assert.Equal(federation.Research.Identity.Did, entry.GetProperty("consumerDid").GetString());
        Assert.Equal(0, entry.GetProperty("resourceCount").GetInt64());
        Assert.Contains(federation.Log, l => l.Contains("Break-glass REFUSED", StringComparison.Ordinal) && l.Contains(federation.Research.Identity.Did, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Break_glass_under_an_agreement_whose_purpose_does_not_admit_emergency_treatment_is_403_with_a_ledger_entry()
    {
        var patient = "pbg" + Guid.NewGuid().ToString("n")[..8];
        await federation.PutAsync(new Patient { Id = patient });
        var transfer = await federation.StartedAsync(federation.Consumer, Federation.PublicHealthOffer);
        var before = await federation.DataAccessEntriesAsync();

        var (status, text) = await federation.FetchAsync(federation.Consumer, transfer, patient, breakGlass: "mass-casualty");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("break_glass_denied", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        var entry = (await federation.DataAccessEntriesAsync(before.Count + 1))[^1];
        Assert.True(entry.GetProperty("breakGlass").GetBoolean());
        Assert.Equal("deny", entry.GetProperty("decision").GetString());

        // The same agreement serves its own purpose as before.
        Assert.Equal(HttpStatusCode.OK, (await federation.FetchAsync(federation.Consumer, transfer, patient, breakGlass: null)).Status);
    }

    [Theory]
    [InlineData("Cardiac arrest")]
    [InlineData("patient called Jane Doe")]
    public async Task A_break_glass_declaration_that_is_not_a_reason_code_is_400_and_nothing_is_recorded(string declaration)
    {
        var transfer = await federation.StartedAsync(federation.Consumer, NegotiationSeed.CardiologyOffer);
        var before = await federation.DataAccessEntriesAsync();

        var (status, text) = await federation.FetchAsync(federation.Consumer, transfer, "anyone", breakGlass: declaration);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        Assert.Equal(before.Count, (await federation.DataAccessEntriesAsync()).Count);
    }

    [Fact]
    public void Break_glass_is_off_by_default_and_the_allowed_list_must_name_members_or_their_roles()
    {
        var partner = new MemberOptions { Did = "did:web:partner.example", Role = "hospital" };
        Assert.False(new TransferOptions().BreakGlass.Admits(partner.Did, partner));
        Assert.True(new BreakGlassOptions { Allowed = ["hospital"] }.Admits(partner.Did, partner));
        Assert.True(new BreakGlassOptions { Allowed = [partner.Did] }.Admits(partner.Did, null));
        Assert.False(new BreakGlassOptions { Allowed = ["research"] }.Admits(partner.Did, partner));

        var options = TestConnectors.Options("provider");
        options.Members = [partner];
        options.Transfer.BreakGlass.Allowed = ["did:web:stranger.example", "surgeon", "hospital"];
        var problems = ConnectorOptionsValidator.Validate(options);
        Assert.Contains(problems, p => p.Contains("'did:web:stranger.example' is not in Members", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("role 'surgeon'", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("'hospital'", StringComparison.Ordinal));
    }

    private static string Reference(string line)
    {
        using var resource = JsonDocument.Parse(line);
        return resource.RootElement.GetProperty("resourceType").GetString() + "/" + resource.RootElement.GetProperty("id").GetString();
    }

    private static Observation Observation(string id, string patient) => new()
    {
        Id = id,
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
        Subject = new ResourceReference("Patient/" + patient),
        Effective = new FhirDateTime("2026-11-29T08:00:00Z"),
        Value = new Quantity(31, "/min", "http://unitsofmeasure.org"),
    };

    /// <summary>The patient refuses every treatment use of their data.</summary>
    private static Consent DenyingConsent(string id, string patient) => new()
    {
        Id = id,
        Status = Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0")],
        Patient = new ResourceReference("Patient/" + patient),
        DateTime = "2024-01-15",
        Policy = [new Consent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
        Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Deny, Purpose = [new Coding(Hl7, "TREAT")] },
    };

    /// <summary>
    /// The provider hospital allowing break-glass to hospitals, the partner hospital (entitled to treatment, emergency
    /// treatment and public health) and the research institute; the catalog of the negotiation tests plus cardiology
    /// records for public health. The provider's warnings and errors are captured.
    /// </summary>
    public sealed class Federation : IAsyncLifetime
    {
        /// <summary>Cardiology records offered to hospitals for public health only.</summary>
        public static string PublicHealthOffer { get; } = OfferId.Create("cardiology-public-health", "cardiology-records");

        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Dictionary<string, string> _agreements = new(StringComparer.Ordinal);
        private readonly CapturingLoggerProvider _log = new();

        public RunningConnector Provider { get; private set; } = null!;
        public RunningConnector Consumer { get; private set; } = null!;
        public RunningConnector Research { get; private set; } = null!;

        /// <summary>The provider's log lines so far, formatted.</summary>
        public IReadOnlyList<string> Log => [.. _log.Lines];

        public async Task InitializeAsync()
        {
            var (provider, consumer, research) = NegotiationFederation.Participants(null, autoRespond: true);
            provider.Members[0].Purposes.Add(NegotiationFederation.Hl7 + "PUBHLTH");
            provider.Transfer.BreakGlass.Allowed = ["hospital"];
            Provider = await TestConnectors.StartAsync(provider);
            Consumer = await TestConnectors.StartAsync(consumer);
            Research = await TestConnectors.StartAsync(research);
            Provider.Services.GetRequiredService<ILoggerFactory>().AddProvider(_log);
            using var management = new ManagementClient(Provider);
            await NegotiationSeed.SeedAsync(management);
            await management.CreateAsync("policies", """
                { "id": "public-health-offer", "policy": {
                    "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:policy:public-health",
                    "permission": [{ "action": "use",
                      "constraint": [{ "leftOperand": "purpose", "operator": "eq",
                                       "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#PUBHLTH" } }] }] } }
                """);
            await management.CreateAsync("contractdefinitions", """
                { "id": "cardiology-public-health", "accessPolicyId": "hospitals-access", "contractPolicyId": "public-health-offer",
                  "assetSelector": [{ "property": "id", "operator": "=", "values": ["cardiology-records"] }] }
                """);
        }

        /// <summary>A STARTED pull of <paramref name="consumer"/> under its agreement on <paramref name="offerId"/> (negotiated once); returns the consumer's transfer id.</summary>
        public async Task<string> StartedAsync(RunningConnector consumer, string offerId)
        {
            var started = await NegotiationDriver.PostAsync(consumer, "transfers",
                new JsonObject { ["agreementId"] = await AgreementAsync(consumer, offerId), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
            var id = started.GetProperty("id").GetString()!;
            await Eventually.WaitAsync<object>(async () =>
                (await TransferDriver.GetAsync(consumer, id)).GetProperty("edr").ValueKind == JsonValueKind.Object ? id : null, "the EDR");
            return id;
        }

        /// <summary>A fetch of <paramref name="patient"/>'s Observations through <paramref name="consumer"/>'s management API, declaring <paramref name="breakGlass"/> when given.</summary>
        public async Task<(HttpStatusCode Status, string Text)> FetchAsync(RunningConnector consumer, string transfer, string patient, string? breakGlass)
        {
            using var http = new HttpClient { BaseAddress = consumer.Identity.PublicUrl };
            using var request = new HttpRequestMessage(HttpMethod.Get,
                $"{ParticipantEndpoints.Base}/transfers/{Uri.EscapeDataString(transfer)}/data?resourceType=Observation&patient={patient}");
            request.Headers.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);
            if (breakGlass is not null)
                request.Headers.TryAddWithoutValidation(DataPlaneEndpoints.BreakGlassHeader, breakGlass);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        /// <summary>The provider's data-access ledger entries, once there are at least <paramref name="atLeast"/>.</summary>
        public async Task<List<JsonElement>> DataAccessEntriesAsync(int atLeast = 0) =>
            await Eventually.WaitAsync(async () => await ReadEntriesAsync() is { } all && all.Count >= atLeast ? all : null, $"{atLeast} data-access entries");

        /// <summary>Stores <paramref name="resource"/> in the provider's FHIR store.</summary>
        public async Task PutAsync(Resource resource)
        {
            using var http = new HttpClient { BaseAddress = Provider.Identity.PublicUrl };
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/{resource.TypeName}/{resource.Id}")
            {
                Content = new StringContent(FhirJson.Serialize(resource), Encoding.UTF8, "application/fhir+json"),
            };
            request.Headers.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);
            using var response = await http.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"PUT {resource.TypeName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        private async Task<string> AgreementAsync(RunningConnector consumer, string offerId)
        {
            await _gate.WaitAsync();
            try
            {
                var key = offerId + " " + consumer.Identity.Did;
                if (!_agreements.TryGetValue(key, out var agreementId))
                {
                    var started = await NegotiationDriver.PostAsync(consumer, "negotiations",
                        new JsonObject { ["counterPartyDid"] = Provider.Identity.Did, ["offerId"] = offerId }, HttpStatusCode.Created);
                    var view = await NegotiationDriver.StateAsync(consumer, started.GetProperty("id").GetString()!, "FINALIZED");
                    agreementId = view.GetProperty("agreement").GetProperty("@id").GetString()!;
                    await NegotiationDriver.StateAsync(Provider, view.GetProperty("providerPid").GetString()!, "FINALIZED");
                    _agreements[key] = agreementId;
                }
                return agreementId;
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<List<JsonElement>> ReadEntriesAsync()
        {
            using var http = new HttpClient { BaseAddress = Provider.Identity.PublicUrl };
            var size = JsonDocument.Parse(await http.GetStringAsync("/api/ledger/v1/sth")).RootElement.GetProperty("tree_size").GetInt64();
            var all = new List<JsonElement>();
            for (long start = 0; start < size; start += 1000)
            {
                var page = JsonDocument.Parse(await http.GetStringAsync($"/api/ledger/v1/entries?start={start}&end={Math.Min(size, start + 1000) - 1}")).RootElement;
                all.AddRange(page.EnumerateArray().Select(e => JsonDocument.Parse(e.GetProperty("entry").GetString()!).RootElement)
                    .Where(e => e.GetProperty("kind").GetString() == "data-access"));
            }
            return all;
        }

        public async Task DisposeAsync()
        {
            await Research.DisposeAsync();
            await Consumer.DisposeAsync();
            await Provider.DisposeAsync();
            _gate.Dispose();
            _log.Dispose();
        }
    }
}
