using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Management;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary>
/// The demo's data scenarios: the hospital holds three synthetic patients with different consents; the partner hospital
/// pulls cardiology Observations for treatment, the research institute a pseudonymised extract; in an emergency the
/// partner breaks the glass for the patient who denied sharing; that patient's access report lists every access; the
/// regulator then verifies the hospital's ledger, in which every access was recorded.
/// </summary>
internal static class DemoDataScenario
{
    // Anna consents to everything, Bruno denied sharing, Carla recorded no Consent (the implicit policy: treatment only).
    private static readonly (string Id, string? Provision)[] Patients = [("anna", "permit"), ("bruno", "deny"), ("carla", null)];
    private static readonly string[] HeartRates = ["2026-11-28T07:00:00Z", "2026-11-28T19:00:00Z", "2026-11-29T07:00:00Z"];

    /// <summary>Seeds the data, plays both pulls and the regulator's audit; true when every outcome was the expected one.</summary>
    public static async Task<bool> RunAsync(IAnsiConsole console, LocalFederation federation, CancellationToken cancellationToken)
    {
        var hospital = federation["hrs"];
        await SeedAsync(hospital, cancellationToken);
        console.MarkupLine("Hôpitaux Robert Schuman holds heart-rate Observations of [bold]anna[/] (consents), [bold]bruno[/] (denied sharing) and [bold]carla[/] (no Consent on file).");

        var table = new Table().Border(TableBorder.Rounded).Title("FHIR pulls through the hospital's data plane (token → agreement → consent → pseudonymisation → ledger)")
            .AddColumn("member").AddColumn("dataset").AddColumn("received for anna, bruno, carla").AddColumn("identifiers");
        var partner = await PullAsync(federation["partner-de"], hospital, "cardiology-records", "anna,bruno,carla", null, cancellationToken);
        var research = await PullAsync(federation["research"], hospital, "home-monitoring-trends", "anna,bruno,carla", null, cancellationToken);
        var partnerOk = partner.Subjects.SequenceEqual(["Patient/anna", "Patient/anna", "Patient/anna", "Patient/carla", "Patient/carla", "Patient/carla"]);
        var researchOk = research.Lines == HeartRates.Length && !research.Text.Contains("anna", StringComparison.Ordinal)
            && !research.Text.Contains("carla", StringComparison.Ordinal) && !research.Text.Contains("bruno", StringComparison.Ordinal);
        table.AddRow("partner-de", "cardiology-records",
            Mark(partnerOk, $"{partner.Lines} Observations of {string.Join(", ", partner.Subjects.Distinct().Select(s => s["Patient/".Length..]))}"), "patient ids");
        table.AddRow("research", "home-monitoring-trends",
            Mark(researchOk, $"{research.Lines} Observations of 1 pseudonymous patient"), researchOk ? "[green]pseudonyms only[/]" : "[red]leaked[/]");
        console.Write(table);

        // Bruno denied sharing; in an emergency the partner's clinician declares break-glass, which the hospital admits
        // for hospitals under a treatment agreement, always logs and records in the ledger.
        var emergency = await PullAsync(federation["partner-de"], hospital, "cardiology-records", "bruno", "cardiac-arrest", cancellationToken);
        var emergencyOk = emergency.Subjects.Count == HeartRates.Length && emergency.Subjects.All(s => s == "Patient/bruno");
        console.MarkupLine(Mark(emergencyOk, $"Break-glass (cardiac-arrest): partner-de received {emergency.Lines} Observations of bruno despite his refusal; the access is flagged in the ledger."));
        var reported = await AccessReportAsync(console, federation, "bruno", cancellationToken);

        var audited = await AuditAsync(console, federation["regulator"], hospital, cancellationToken);
        return partnerOk && researchOk && emergencyOk && reported && audited;
    }

    private static async Task SeedAsync(RunningConnector hospital, CancellationToken cancellationToken)
    {
        using var http = Operator(hospital, "/fhir/");
        foreach (var (patient, provision) in Patients)
        {
            await PutAsync(http, $"Patient/{patient}", $$"""{"resourceType":"Patient","id":"{{patient}}","gender":"unknown","birthDate":"1961-04-12"}""", cancellationToken);
            for (var i = 0; i < HeartRates.Length; i++)
            {
                var value = 72 + (patient.Length * 7) + (i * 11);
                await PutAsync(http, $"Observation/hr-{patient}-{i}", $$$"""
                    {"resourceType":"Observation","id":"hr-{{{patient}}}-{{{i}}}","status":"final",
                     "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],
                     "code":{"coding":[{"system":"http://loinc.org","code":"8867-4","display":"Heart rate"}]},
                     "subject":{"reference":"Patient/{{{patient}}}"},"effectiveDateTime":"{{{HeartRates[i]}}}",
                     "valueQuantity":{"value":{{{value.ToString(CultureInfo.InvariantCulture)}}},"unit":"/min","system":"http://unitsofmeasure.org","code":"/min"}}
                    """, cancellationToken);
            }
            if (provision is not null)
            {
                await PutAsync(http, $"Consent/consent-{patient}", $$$"""
                    {"resourceType":"Consent","id":"consent-{{{patient}}}","status":"active",
                     "scope":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/consentscope","code":"patient-privacy"}]},
                     "category":[{"coding":[{"system":"http://loinc.org","code":"59284-0"}]}],
                     "patient":{"reference":"Patient/{{{patient}}}"},"dateTime":"2025-03-01",
                     "policy":[{"uri":"https://profiles.ihe.net/ITI/PCF/Policy-basic-normal"}],
                     "provision":{"type":"{{{provision}}}"}}
                    """, cancellationToken);
            }
        }
    }

    /// <summary>Negotiates <paramref name="dataset"/>, starts a FHIR pull and pulls the <paramref name="patients"/>' Observations through the EDR.</summary>
    private static async Task<(int Lines, string Text, List<string> Subjects)> PullAsync(
        RunningConnector member, RunningConnector hospital, string dataset, string patients, string? breakGlass, CancellationToken cancellationToken)
    {
        using var http = Operator(member, ParticipantEndpoints.Base + "/");
        var negotiation = await PostAsync(http, "negotiations", new { counterPartyDid = hospital.Identity.Did, datasetId = dataset }, cancellationToken);
        var finalized = await WaitForAsync(http, "negotiations/" + Uri.EscapeDataString(negotiation.GetProperty("id").GetString()!), "FINALIZED", cancellationToken);
        var agreementId = finalized.GetProperty("agreement").GetProperty("@id").GetString()!;
        var transfer = await PostAsync(http, "transfers", new { agreementId, format = "FHIR-PULL" }, cancellationToken);
        var transferId = transfer.GetProperty("id").GetString()!;
        await WaitForAsync(http, "transfers/" + Uri.EscapeDataString(transferId), "STARTED", cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"transfers/{Uri.EscapeDataString(transferId)}/data?resourceType=Observation&patient={patients}", UriKind.Relative));
        if (breakGlass is not null)
            request.Headers.Add("X-Break-Glass", breakGlass);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"pull of {dataset}: {(int)response.StatusCode} {text}");
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var subjects = lines.Select(l => JsonDocument.Parse(l).RootElement)
            .Select(r => r.TryGetProperty("subject", out var s) && s.TryGetProperty("reference", out var reference) ? reference.GetString() ?? "" : "")
            .Order(StringComparer.Ordinal).ToList();
        return (lines.Length, text, subjects);
    }

    /// <summary>What the hospital can tell <paramref name="patient"/> from its ledger: every access to their data, with the decision for them.</summary>
    private static async Task<bool> AccessReportAsync(IAnsiConsole console, LocalFederation federation, string patient, CancellationToken cancellationToken)
    {
        var hospital = federation["hrs"];
        var names = federation.Connectors.ToDictionary(c => c.Identity.Did, c => c.Options.Participant.Name, StringComparer.Ordinal);
        using var http = Operator(hospital, ParticipantEndpoints.Base + "/");
        using var report = JsonDocument.Parse(await http.GetStringAsync(new Uri($"patients/{patient}/access-report", UriKind.Relative), cancellationToken));
        var table = new Table().Border(TableBorder.Rounded).Title($"Access report for patient {patient} (from the hospital's ledger)")
            .AddColumn("index").AddColumn("who").AddColumn("purpose").AddColumn("decision").AddColumn("resources").AddColumn("break-glass");
        var accesses = report.RootElement.GetProperty("accesses").EnumerateArray().ToList();
        foreach (var access in accesses)
        {
            table.AddRow(
                access.GetProperty("index").GetInt64().ToString(CultureInfo.InvariantCulture),
                Markup.Escape(names.GetValueOrDefault(access.GetProperty("consumerDid").GetString()!, access.GetProperty("consumerDid").GetString()!)),
                Markup.Escape(access.GetProperty("purpose").GetString()!),
                Markup.Escape(access.GetProperty("decision").GetString()!),
                access.GetProperty("resourceCount").GetInt64().ToString(CultureInfo.InvariantCulture),
                access.GetProperty("breakGlass").GetBoolean() ? "[yellow]yes[/]" : "no");
        }
        console.Write(table);
        // Bruno was named in both ordinary pulls (denied each time) and released once, by break-glass.
        return accesses.Count == 3
            && accesses.Count(a => a.GetProperty("decision").GetString() == "deny" && a.GetProperty("resourceCount").GetInt64() == 0) == 2
            && accesses.Count(a => a.GetProperty("breakGlass").GetBoolean() && a.GetProperty("resourceCount").GetInt64() == HeartRates.Length) == 1;
    }

    /// <summary>The regulator reads the hospital's ledger over its public API and verifies every entry, tree head and signature.</summary>
    private static async Task<bool> AuditAsync(IAnsiConsole console, RunningConnector regulator, RunningConnector hospital, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new LedgerClient(http, hospital.Identity.PublicUrl);
        var resolver = regulator.Services.GetRequiredService<DidResolver>();
        var (newest, cosignatures) = await client.GetTreeHeadAsync(cancellationToken: cancellationToken);
        var entries = await client.GetEntriesAsync(0, newest.TreeSize - 1, cancellationToken);
        var accesses = entries.Count(e => e.Entry.Contains("\"kind\":\"data-access\"", StringComparison.Ordinal));
        var keys = new AuditKeys((kid, ct) => DidKeys.ResolveAsync(resolver, hospital.Identity.Did, kid, ct), (did, kid, ct) => DidKeys.ResolveAsync(resolver, did, kid, ct));
        var report = await new LedgerAuditor(new ApiAuditSource(client, newest, cosignatures), keys).RunAsync(null, cancellationToken);
        console.MarkupLine(report.Verified
            ? $"The regulator verified the hospital's ledger: [green]{report.Entries} entries[/] ({accesses} data accesses, each naming the agreement, the consumer, the purpose and a pseudonym per patient), {report.TreeHeads} signed tree head(s), root {Markup.Escape(report.RootHash.ToBase64()[..12])}…"
            : $"[red]The hospital's ledger failed verification: {Markup.Escape(report.Finding!.ToString())}[/]");
        return report.Verified && accesses == 3;
    }

    private static string Mark(bool ok, string text) => (ok ? "[green]" : "[red]") + Markup.Escape(text) + "[/]";

    private static HttpClient Operator(RunningConnector connector, string path)
    {
        var http = new HttpClient { BaseAddress = new Uri(connector.Identity.PublicUrl, path) };
        http.DefaultRequestHeaders.Add(ApiKeyFilter.Header, connector.Options.Management.ApiKeys.First(k => k.Role == ManagementRoles.Operator).Key);
        return http;
    }

    private static async Task PutAsync(HttpClient http, string path, string json, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsync(new Uri(path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/fhir+json"), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"PUT {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, object body, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient http, string path, string state, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var view = JsonDocument.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative), cancellationToken)).RootElement.Clone();
            var now = view.GetProperty("state").GetString();
            if (now == state)
                return view;
            if (now is "TERMINATED" || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"{path} is {now}, not {state}");
            // Both sides run the protocol over HTTP; a short pause between status reads keeps the demo light.
            await Task.Delay(20, cancellationToken);
        }
    }
}
