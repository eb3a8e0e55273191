using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Catalog;
using Dataspace.Connector.Tests.Cli;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// Each asset names its pseudonymisation profile (<c>dataAddress.properties.pseudonymisationProfile</c>), a built-in one
/// or one from <c>Transfer:ProfilesFolder</c>: two research datasets under the same duty come out pseudonymised
/// differently; an unknown name is refused at asset creation; a broken profile file stops the start, listing its problems.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class PseudonymisationProfileTests(PseudonymisationProfileTests.Federation federation) : IClassFixture<PseudonymisationProfileTests.Federation>
{
    /// <summary>A coarser profile than research-trends: no values or categories, identifiers dropped, the time cut to its year.</summary>
    public const string CoarseProfile = """
        {
          "name": "trends-coarse",
          "description": "Which codes were measured in which year, nothing more.",
          "identifiers": "drop",
          "dateShift": { "maxDays": 7 },
          "securityLabels": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "PSEUDED" } ],
          "resources": {
            "Observation": {
              "patient": "Observation.subject",
              "allow": [ "Observation.status", "Observation.code", "Observation.subject", "Observation.effectiveDateTime" ],
              "generalise": { "Observation.effectiveDateTime": { "to": "year" } }
            }
          }
        }
        """;

    [Fact]
    public async Task Two_assets_with_different_profiles_are_pseudonymised_differently_under_the_same_duty()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        var patient = "pp" + suffix;
        await federation.PutAsync(new Patient { Id = patient, Gender = AdministrativeGender.Female, BirthDate = "1970-05-06" });
        await federation.PutAsync(new Observation
        {
            Id = "op" + suffix,
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
            Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
            Subject = new ResourceReference("Patient/" + patient),
            Effective = new FhirDateTime("2026-06-15T08:00:00Z"),
            Value = new Quantity(72, "/min", "http://unitsofmeasure.org"),
        });
        await federation.PutAsync(new Consent
        {
            Id = "kp" + suffix,
            Status = Consent.ConsentState.Active,
            Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            Category = [new CodeableConcept("http://loinc.org", "59284-0")],
            Patient = new ResourceReference("Patient/" + patient),
            DateTime = "2024-01-15",
            Policy = [new Consent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
            Provision = new Consent.provisionComponent
            {
                Type = Consent.ConsentProvisionType.Permit,
                Purpose = [new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HRESCH")],
            },
        });

        using var standard = JsonDocument.Parse(await federation.PullAsync(NegotiationSeed.ResearchOffer, patient));
        using var coarse = JsonDocument.Parse(await federation.PullAsync(Federation.CoarseOffer, patient));
        var (s, c) = (standard.RootElement, coarse.RootElement);
        Assert.Equal(72, s.GetProperty("valueQuantity").GetProperty("value").GetDecimal());
        Assert.True(s.TryGetProperty("category", out _));
        Assert.Contains("T", s.GetProperty("effectiveDateTime").GetString(), StringComparison.Ordinal);
        Assert.False(c.TryGetProperty("valueQuantity", out _));
        Assert.False(c.TryGetProperty("category", out _));
        Assert.Equal("2026", c.GetProperty("effectiveDateTime").GetString());
        Assert.Equal("8867-4", c.GetProperty("code").GetProperty("coding")[0].GetProperty("code").GetString());
        foreach (var output in new[] { s, c })
        {
            Assert.Contains("PSEUDED", output.GetProperty("meta").GetRawText(), StringComparison.Ordinal);
            Assert.DoesNotContain(suffix, output.GetRawText(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_asset_naming_an_unknown_profile_is_refused_at_creation_and_update_with_a_problem_and_nothing_stored()
    {
        using var management = new ManagementClient(federation.Provider);
        var id = "unknown-profile-" + Guid.NewGuid().ToString("n")[..8];
        using (var created = await management.PostAsync("assets", Asset(id, "no-such-profile")))
            await AssertUnknownProfileAsync(created);
        using (var missing = await management.GetAsync("assets/" + id))
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        await management.CreateAsync("assets", Asset(id, "research-trends"));
        using (var updated = await management.PutAsync("assets/" + id, Asset(id, "no-such-profile")))
            await AssertUnknownProfileAsync(updated);
        using var stored = await management.GetAsync("assets/" + id);
        Assert.Contains("\"research-trends\"", await stored.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_of_an_asset_whose_profile_is_no_longer_loaded_is_refused_with_a_safe_reason_without_using_the_agreement()
    {
        // Stored behind the API's back, as when a profile file is removed after the asset was registered.
        var assets = federation.Provider.Services.GetRequiredService<CatalogStores>().Assets;
        var asset = (await assets.GetAsync(Federation.OrphanAsset))!;
        var transfer = await federation.StartedAsync(Federation.OrphanOffer);
        Assert.True(await assets.UpdateAsync(asset.Id, asset with
        {
            DataAddress = asset.DataAddress with { Properties = new Dictionary<string, string> { [PseudonymisationProfiles.AssetProperty] = "removed-profile" } },
        }));
        var before = await federation.UsesAsync(Federation.OrphanOffer);

        using var management = new ManagementClient(federation.Research);
        using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(transfer)}/data?resourceType=Observation&patient=anyone");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("profile_unavailable", JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
        Assert.DoesNotContain("removed-profile", text, StringComparison.Ordinal);
        Assert.Equal(before, await federation.UsesAsync(Federation.OrphanOffer));
    }

    [Fact]
    public void An_invalid_profile_file_stops_the_start_listing_each_problem_with_its_file_and_place()
    {
        var folder = TestPaths.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "broken.json"), """
            { "name": "Broken Profile", "identifiers": "keep", "dateShift": { "maxDays": 0 },
              "securityLabels": [], "resources": { "Observation": { "allow": ["Observation.colour"] } } }
            """);
        File.WriteAllText(Path.Combine(folder, "twin.json"), CoarseProfile.Replace("trends-coarse", "research-trends", StringComparison.Ordinal));
        var options = TestConnectors.Options("provider");
        options.Transfer.ProfilesFolder = folder;

        var problems = ConnectorOptionsValidator.Validate(options);
        Assert.Contains(problems, p => p.Contains("broken.json: $.name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.json: $.identifiers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.json: $.dateShift.maxDays", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.json: $.securityLabels", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("broken.json: $.resources.Observation.allow[0]", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("twin.json defines profile 'research-trends'", StringComparison.Ordinal));
        var thrown = Assert.Throws<ConnectorConfigurationException>(() => ConnectorHost.Build(options));
        Assert.Equal(problems, thrown.Problems);

        options.Transfer.ProfilesFolder = Path.Combine(folder, "absent");
        Assert.Contains(ConnectorOptionsValidator.Validate(options), p => p.Contains("is not a folder", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dataspace_run_exits_2_naming_the_broken_profile_file()
    {
        var folder = TestPaths.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, "broken.json"), """{ "name": "broken" }""");
        var config = Path.Combine(TestPaths.NewTempFolder(), "connector.json");
        File.WriteAllText(config, new JsonObject
        {
            ["Dataspace"] = new JsonObject
            {
                ["Participant"] = new JsonObject { ["PublicUrl"] = "http://127.0.0.1:" + LoopbackPorts.Next(), ["DataFolder"] = TestPaths.NewTempFolder() },
                ["Transfer"] = new JsonObject { ["ProfilesFolder"] = folder },
            },
        }.ToJsonString());

        var run = await CliRun.InvokeAsync("run", "--config", config);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("broken.json: $.identifiers", run.Error, StringComparison.Ordinal);
    }

    private static string Asset(string id, string profile) =>
        CatalogSeed.TrendsAsset.Replace("\"wearable-trends\"", $"\"{id}\"", StringComparison.Ordinal)
            .Replace("\"properties\": {}", $"\"properties\": {{ \"{PseudonymisationProfiles.AssetProperty}\": \"{profile}\" }}", StringComparison.Ordinal);

    private static async Task AssertUnknownProfileAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = Assert.Single(problem.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("dataAddress/properties/pseudonymisationProfile", error.GetProperty("field").GetString());
        Assert.Contains("'no-such-profile'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("trends-coarse", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The provider hospital with <see cref="CoarseProfile"/> in its profiles folder and the research institute; the
    /// wearable trends (default profile), the same trends under the coarse profile, and a third copy for the orphan test,
    /// each offered for research with the pseudonymisation duty.
    /// </summary>
    public sealed class Federation : IAsyncLifetime
    {
        /// <summary>The trends dataset whose asset names the coarse profile.</summary>
        public static string CoarseOffer { get; } = OfferId.Create("coarse-trends-for-members", "wearable-trends-coarse");

        /// <summary>The dataset whose profile is taken away.</summary>
        public const string OrphanAsset = "wearable-trends-orphan";

        /// <summary>Its research offer.</summary>
        public static string OrphanOffer { get; } = OfferId.Create("orphan-trends-for-members", OrphanAsset);

        private readonly Dictionary<string, string> _agreements = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim _gate = new(1, 1);

        public RunningConnector Provider { get; private set; } = null!;
        public RunningConnector Research { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var (provider, _, research) = NegotiationFederation.Participants(null, autoRespond: true);
            var folder = TestPaths.NewTempFolder();
            await File.WriteAllTextAsync(Path.Combine(folder, "trends-coarse.json"), CoarseProfile);
            provider.Transfer.ProfilesFolder = folder;
            Provider = await TestConnectors.StartAsync(provider);
            Research = await TestConnectors.StartAsync(research);
            using var management = new ManagementClient(Provider);
            await NegotiationSeed.SeedAsync(management);
            foreach (var (asset, definition) in new[] { ("wearable-trends-coarse", "coarse-trends-for-members"), (OrphanAsset, "orphan-trends-for-members") })
            {
                await management.CreateAsync("assets", Asset(asset, asset == OrphanAsset ? "research-trends" : "trends-coarse"));
                await management.CreateAsync("contractdefinitions", $$"""
                    { "id": "{{definition}}", "accessPolicyId": "members-access", "contractPolicyId": "research-offer",
                      "assetSelector": [{ "property": "id", "operator": "=", "values": ["{{asset}}"] }] }
                    """);
            }
        }

        /// <summary>A STARTED pull of the research institute under its agreement on <paramref name="offerId"/>; its consumer id.</summary>
        public async Task<string> StartedAsync(string offerId)
        {
            var started = await NegotiationDriver.PostAsync(Research, "transfers",
                new JsonObject { ["agreementId"] = await AgreementAsync(offerId), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
            var id = started.GetProperty("id").GetString()!;
            await Eventually.WaitAsync<object>(async () =>
                (await TransferDriver.GetAsync(Research, id)).GetProperty("edr").ValueKind == JsonValueKind.Object ? id : null, "the EDR");
            return id;
        }

        /// <summary>The one Observation line the research institute receives for <paramref name="patient"/> under <paramref name="offerId"/>.</summary>
        public async Task<string> PullAsync(string offerId, string patient)
        {
            var transfer = await StartedAsync(offerId);
            using var management = new ManagementClient(Research);
            using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(transfer)}/data?resourceType=Observation&patient={patient}");
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
            return Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        /// <summary>The uses the provider counted under the research institute's agreement on <paramref name="offerId"/>.</summary>
        public async Task<long> UsesAsync(string offerId)
        {
            var agreement = await AgreementAsync(offerId);
            long uses = -1;
            await Provider.Services.GetRequiredService<AgreementUses>().TryUseAsync(agreement, used => { uses = used; return (false, 0); }, CancellationToken.None);
            return uses;
        }

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

        private async Task<string> AgreementAsync(string offerId)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_agreements.TryGetValue(offerId, out var agreementId))
                {
                    var started = await NegotiationDriver.PostAsync(Research, "negotiations",
                        new JsonObject { ["counterPartyDid"] = Provider.Identity.Did, ["offerId"] = offerId }, HttpStatusCode.Created);
                    var view = await NegotiationDriver.StateAsync(Research, started.GetProperty("id").GetString()!, "FINALIZED");
                    agreementId = view.GetProperty("agreement").GetProperty("@id").GetString()!;
                    await NegotiationDriver.StateAsync(Provider, view.GetProperty("providerPid").GetString()!, "FINALIZED");
                    _agreements[offerId] = agreementId;
                }
                return agreementId;
            }
            finally
            {
                _gate.Release();
            }
        }

        public async Task DisposeAsync()
        {
            await Research.DisposeAsync();
            await Provider.DisposeAsync();
            _gate.Dispose();
        }
    }
}
