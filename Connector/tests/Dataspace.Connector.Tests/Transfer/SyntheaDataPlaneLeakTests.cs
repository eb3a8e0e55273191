using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// A black-box pull through a running federation (provider, partner hospital, research institute on loopback, SQLite) over
/// real Synthea patients: half consent to research, half deny everything. The research institute's pseudonymised output
/// holds exactly the consenting patients' resources the profile keeps, and none of the source identifiers; the partner
/// hospital's treatment pull holds nothing of a denying patient; the provider's ledger names every requested patient by
/// pseudonym with the right decision. Nothing of the data is written to the test output beyond counts and type names.
/// </summary>
public sealed class SyntheaDataPlaneLeakTests(AutoTransferFederation federation) : IClassFixture<AutoTransferFederation>
{
    private const string ActReason = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private const int PatientCount = 6;

    /// <summary>
    /// The source values that must never reach pseudonymised output are compared as substrings only from this length on:
    /// shorter values (a name prefix "Mr.", a 3-letter state, a 1–3 digit house number) occur by chance inside codes,
    /// displays, numbers and base64url pseudonyms, so a hit would say nothing about a leak. Every real identifier of the
    /// data (UUIDs, SSN, licence and passport numbers, phone numbers, names with Synthea's digits, postal codes, dates) is longer.
    /// </summary>
    private const int MinLeakLength = 4;

    // The types the research-trends profile releases; the research asset (no resourceTypes) admits every type, the
    // profile narrows it. The Patient resource itself is found by _id (it has no patient search parameter).
    private static readonly string[] ResearchTypes = ["Patient", "Observation", "Device"];

    // Patient-compartment types the Synthea patients hold that the profile does not release: refused up front.
    private static readonly string[] OutsideProfileTypes =
        ["Condition", "Encounter", "Procedure", "Immunization", "MedicationRequest", "DiagnosticReport", "CarePlan", "Claim", "ExplanationOfBenefit"];

    // What the research-trends profile keeps (ConsentLedger/.../Pseudonymisation/Profiles/research-trends.json); the rest is dropped.
    private static readonly HashSet<string> ProfileTypes = new(StringComparer.Ordinal) { "Observation", "Patient", "Device" };

    // The cardiology asset's scope (Catalog/CatalogSeed.cs CardiologyAsset).
    private static readonly string[] TreatmentTypes = ["Observation", "Condition", "Encounter", "Consent"];

    private static readonly ConditionalWeakTable<TransferFederation, Task<LoadedPatients>> Loads = new();
    private static readonly object LoadGate = new();

    [Fact]
    public async Task Research_pull_of_Synthea_patients_releases_exactly_the_consenting_patients_pseudonymised_and_leaks_no_identifier()
    {
        var data = await LoadOnceAsync();
        var transferId = await StartedPullAsync(NegotiationSeed.ResearchOffer, federation.Research);
        var requested = data.Patients.Select(p => p.ServerId).ToList();
        var consenting = data.Patients.Where(p => p.Consents).ToList();
        var ledgerPseudonyms = federation.Provider.Services.GetRequiredService<LedgerPseudonyms>();

        var output = new StringBuilder();
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        var patientIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in ResearchTypes)
        {
            var entriesBefore = (await FhirTestData.DataAccessEntriesAsync(federation.Provider)).Count;
            var text = await PullTextAsync(federation.Research, transferId, type, requested);
            output.Append(text);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            // (1) the count per type is what the consenting patients hold in the source after the profile's allowlist.
            var expected = ProfileTypes.Contains(type) ? consenting.Sum(p => p.CountOf(type)) : 0;
            Assert.True(expected == lines.Length, $"{type}: expected {expected} pseudonymised resources of the {consenting.Count} consenting patients, got {lines.Length}");

            foreach (var line in lines)
            {
                using var parsed = JsonDocument.Parse(line);
                var resource = parsed.RootElement;
                Assert.Equal(type, resource.GetProperty("resourceType").GetString());
                // (3) every released resource carries the profile's pseudonymisation label.
                Assert.True(resource.TryGetProperty("meta", out var meta) && meta.TryGetProperty("security", out var security)
                    && security.EnumerateArray().Any(c => c.GetProperty("system").GetString() == "http://terminology.hl7.org/CodeSystem/v3-ObservationValue"
                                                          && c.GetProperty("code").GetString() == "PSEUDED"),
                    $"a released {type} lacks the PSEUDED security label");
                if (type == "Patient")
                    patientIds.Add("Patient/" + resource.GetProperty("id").GetString());
                else if (resource.TryGetProperty("subject", out var subject))
                    subjects.Add(subject.GetProperty("reference").GetString()!);
                else if (resource.TryGetProperty("patient", out var patient))
                    subjects.Add(patient.GetProperty("reference").GetString()!);
            }

            // (4) one data-access entry naming exactly the requested patients by ledger pseudonym, permit for consenting, deny for the rest.
            var entry = (await Eventually.WaitAsync(async () =>
                await FhirTestData.DataAccessEntriesAsync(federation.Provider) is { } all && all.Count > entriesBefore ? all : null, $"the {type} pull's ledger entry"))[^1];
            var named = entry.GetProperty("patients").EnumerateArray()
                .ToDictionary(p => p.GetProperty("patient").GetString()!, p => (Decision: p.GetProperty("decision").GetString(), Count: p.GetProperty("resourceCount").GetInt64()), StringComparer.Ordinal);
            var expectedNamed = data.Patients.ToDictionary(p => ledgerPseudonyms.Derive("Patient/" + p.ServerId).Value, p => p, StringComparer.Ordinal);
            Assert.Equal(expectedNamed.Keys.Order(StringComparer.Ordinal), named.Keys.Order(StringComparer.Ordinal));
            foreach (var (pseudonym, patient) in expectedNamed)
            {
                Assert.Equal(patient.Consents ? "permit" : "deny", named[pseudonym].Decision);
                Assert.Equal(patient.Consents && ProfileTypes.Contains(type) ? patient.CountOf(type) : 0, named[pseudonym].Count);
            }
            Assert.Equal(expected, entry.GetProperty("resourceCount").GetInt64());
            Assert.Equal(consenting.Count, entry.GetProperty("patientCount").GetInt64());
            var entryText = entry.GetRawText();
            foreach (var patient in data.Patients)
            {
                Assert.False(entryText.Contains(patient.ServerId, StringComparison.Ordinal), $"the {type} ledger entry names patient #{patient.Index}'s server id");
                Assert.False(entryText.Contains(patient.SourceId, StringComparison.Ordinal), $"the {type} ledger entry names patient #{patient.Index}'s source id");
            }
        }

        // (1) the output's patients are exactly as many as the consenting patients holding such resources, so no denied
        // patient hides behind a pseudonym of its own.
        Assert.Equal(consenting.Count(p => ProfileTypes.Where(t => t != "Patient").Any(t => p.CountOf(t) > 0)), subjects.Count);
        Assert.Equal(consenting.Count, patientIds.Count);

        // A type the profile would drop entirely is refused with a reason, not answered with an empty 200.
        foreach (var type in OutsideProfileTypes)
        {
            using var management = new ManagementClient(federation.Research);
            using var refused = await management.GetAsync($"transfers/{Uri.EscapeDataString(transferId)}/data?resourceType={type}&patient={string.Join(',', requested)}");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            using var error = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal("outside_profile", error.RootElement.GetProperty("error").GetString());
        }

        // (2) no source identifier, id, name part, telecom, address part or exact birth date anywhere in the output text.
        var all = output.ToString();
        Assert.NotEmpty(all);
        var leaks = data.Secrets.Where(s => all.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.What).Distinct().ToList();
        Assert.True(leaks.Count == 0, "source values found in the pseudonymised output: " + string.Join("; ", leaks));
    }

    [Fact]
    public async Task Treatment_pull_of_the_same_Synthea_patients_holds_nothing_of_a_denying_patient()
    {
        var data = await LoadOnceAsync();
        var transferId = await StartedPullAsync(null, federation.Consumer);
        var requested = data.Patients.Select(p => p.ServerId).ToList();
        var denyingRefs = data.Patients.Where(p => !p.Consents).Select(p => "Patient/" + p.ServerId).ToHashSet(StringComparer.Ordinal);
        var consentingRefs = data.Patients.Where(p => p.Consents).Select(p => "Patient/" + p.ServerId).ToHashSet(StringComparer.Ordinal);
        var denyingIds = data.Patients.Where(p => !p.Consents).SelectMany(p => p.ResourceIds).ToHashSet(StringComparer.Ordinal);

        var released = 0;
        foreach (var type in TreatmentTypes)
        {
            var text = await PullTextAsync(federation.Consumer, transferId, type, requested);
            var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines)
            {
                using var parsed = JsonDocument.Parse(line);
                var resource = parsed.RootElement;
                var owner = (resource.TryGetProperty("subject", out var s) ? s : resource.TryGetProperty("patient", out var p) ? p : default) is { ValueKind: JsonValueKind.Object } r
                    ? r.GetProperty("reference").GetString()
                    : null;
                Assert.False(owner is not null && denyingRefs.Contains(owner), $"a {type} of a denying patient was released for treatment");
                Assert.False(denyingIds.Contains(type + "/" + resource.GetProperty("id").GetString()), $"a {type} stored for a denying patient was released for treatment");
                Assert.True(owner is not null && consentingRefs.Contains(owner), $"a released {type} belongs to no consenting patient");
            }
            // The consenting patients' data does come out, whole: the Consent count is the one Consent each was given.
            var expected = type == "Consent" ? data.Patients.Count(p => p.Consents) : data.Patients.Where(p => p.Consents).Sum(p => p.CountOf(type));
            Assert.True(expected == lines.Length, $"{type}: expected {expected} resources of the consenting patients, got {lines.Length}");
            released += lines.Length;
        }
        Assert.True(released > 0);
    }

    private Task<LoadedPatients> LoadOnceAsync()
    {
        lock (LoadGate)
        {
            if (!Loads.TryGetValue(federation, out var load))
            {
                load = LoadAsync(federation.Provider);
                Loads.Add(federation, load);
            }
            return load;
        }
    }

    /// <summary>Posts the first <see cref="PatientCount"/> Synthea patients' transaction bundles and their Consents to the provider.</summary>
    private static async Task<LoadedPatients> LoadAsync(RunningConnector provider)
    {
        var folder = Path.Combine(TestPaths.SharedTestData, "fhir-r4", "synthea");
        var files = Directory.GetFiles(folder, "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith("hospital", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("practitioner", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Take(PatientCount).ToList();
        Assert.Equal(PatientCount, files.Count);

        using var http = new HttpClient { BaseAddress = provider.Identity.PublicUrl, Timeout = TimeSpan.FromMinutes(2) };
        var patients = new List<LoadedPatient>();
        var secrets = new List<(string What, string Value)>();
        void Secret(string what, string? value)
        {
            if (value is { Length: >= MinLeakLength })
                secrets.Add((what, value));
        }

        for (var index = 0; index < files.Count; index++)
        {
            var text = await File.ReadAllTextAsync(files[index]);
            var bundle = JsonNode.Parse(text)!.AsObject();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir") { Content = new StringContent(text, Encoding.UTF8, "application/fhir+json") };
            request.Headers.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"bundle #{index}: {(int)response.StatusCode}");
            var answers = JsonNode.Parse(body)!["entry"]!.AsArray();
            var entries = bundle["entry"]!.AsArray();
            Assert.Equal(entries.Count, answers.Count);

            string? patientFullUrl = null, serverPatient = null, sourcePatient = null;
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            var ids = new List<string>();
            for (var i = 0; i < entries.Count; i++)
            {
                var resource = entries[i]!["resource"]!.AsObject();
                var type = resource["resourceType"]!.GetValue<string>();
                var location = answers[i]!["response"]!["location"]!.GetValue<string>().Split('/');
                var serverId = location[Array.IndexOf(location, type) + 1];
                ids.Add(type + "/" + serverId);
                Secret($"bundle #{index} {type} server id", serverId);
                Secret($"bundle #{index} {type} source id", resource["id"]?.GetValue<string>());
                Secret($"bundle #{index} {type} fullUrl", entries[i]!["fullUrl"]?.GetValue<string>()?.Replace("urn:uuid:", "", StringComparison.Ordinal));
                foreach (var identifier in resource["identifier"]?.AsArray() ?? [])
                    Secret($"bundle #{index} {type} identifier.value", identifier?["value"]?.GetValue<string>());
                if (type == "Patient")
                {
                    patientFullUrl = entries[i]!["fullUrl"]!.GetValue<string>();
                    serverPatient = serverId;
                    sourcePatient = resource["id"]!.GetValue<string>();
                    foreach (var name in resource["name"]?.AsArray() ?? [])
                        foreach (var part in new[] { "family" }.Select(k => name?[k]).Concat(new[] { "given", "prefix", "suffix" }.SelectMany(k => name?[k]?.AsArray() ?? [])))
                            Secret($"bundle #{index} Patient name part", part?.GetValue<string>());
                    foreach (var telecom in resource["telecom"]?.AsArray() ?? [])
                        Secret($"bundle #{index} Patient telecom", telecom?["value"]?.GetValue<string>());
                    foreach (var address in resource["address"]?.AsArray() ?? [])
                    {
                        foreach (var line in address?["line"]?.AsArray() ?? [])
                            Secret($"bundle #{index} Patient address line", line?.GetValue<string>());
                        Secret($"bundle #{index} Patient address city", address?["city"]?.GetValue<string>());
                        Secret($"bundle #{index} Patient address postalCode", address?["postalCode"]?.GetValue<string>());
                    }
                    Secret($"bundle #{index} Patient birthDate", resource["birthDate"]?.GetValue<string>());
                }
            }
            Assert.NotNull(patientFullUrl);
            // Per type, the resources of this patient: the Patient itself, and those whose subject or patient is the Patient.
            for (var i = 0; i < entries.Count; i++)
            {
                var resource = entries[i]!["resource"]!.AsObject();
                var type = resource["resourceType"]!.GetValue<string>();
                var owner = (resource["subject"] ?? resource["patient"])?["reference"]?.GetValue<string>();
                if (type == "Patient" || owner == patientFullUrl)
                    counts[type] = counts.GetValueOrDefault(type) + 1;
            }
            patients.Add(new LoadedPatient(index, sourcePatient!, serverPatient!, index % 2 == 0, counts, ids));
        }

        // Even-numbered patients permit research (and treatment); odd-numbered ones deny everything.
        var suffix = Guid.NewGuid().ToString("n")[..8];
        foreach (var patient in patients)
        {
            Consent consent;
            if (patient.Consents)
            {
                consent = FhirTestData.NewConsent($"kp{patient.Index}{suffix}", patient.ServerId, Consent.ConsentProvisionType.Permit, "2024-01-15", "HRESCH");
                consent.Provision!.Purpose.Add(new Coding(ActReason, "TREAT"));
            }
            else
            {
                consent = FhirTestData.NewConsent($"kd{patient.Index}{suffix}", patient.ServerId, Consent.ConsentProvisionType.Deny, "2024-01-15");
                consent.Provision!.Purpose.Clear();
            }
            await FhirTestData.PutAsync(provider, consent);
            patient.ResourceIds.Add("Consent/" + consent.Id);
        }
        Assert.Contains(patients, p => p.Consents && p.CountOf("Observation") > 0);
        Assert.Contains(patients, p => !p.Consents && p.CountOf("Observation") > 0);
        return new LoadedPatients(patients, secrets);
    }

    private async Task<string> StartedPullAsync(string? offerId, RunningConnector side)
    {
        var started = await NegotiationDriver.PostAsync(side, "transfers",
            new JsonObject { ["agreementId"] = await federation.AgreementAsync(offerId, side), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var id = started.GetProperty("id").GetString()!;
        await Eventually.WaitAsync<object>(async () =>
            await TransferDriver.GetAsync(side, id) is { } view
            && view.GetProperty("state").GetString() == "STARTED" && view.GetProperty("edr").ValueKind == JsonValueKind.Object ? view : null, "the EDR");
        return id;
    }

    private static async Task<string> PullTextAsync(RunningConnector side, string transferId, string resourceType, IReadOnlyList<string> patients)
    {
        Assert.InRange(patients.Count, 1, 100);
        using var management = new ManagementClient(side);
        using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(transferId)}/data?resourceType={resourceType}&patient={string.Join(',', patients)}");
        var text = await response.Content.ReadAsStringAsync();
        // Only the status goes into a failure message: the body may be patient data.
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{resourceType} pull: {(int)response.StatusCode}{(response.StatusCode == HttpStatusCode.OK ? "" : " " + text)}");
        return text;
    }

    private sealed record LoadedPatient(int Index, string SourceId, string ServerId, bool Consents, Dictionary<string, int> Counts, List<string> ResourceIds)
    {
        public int CountOf(string type) => Counts.GetValueOrDefault(type);
    }

    private sealed record LoadedPatients(List<LoadedPatient> Patients, List<(string What, string Value)> Secrets);
}
