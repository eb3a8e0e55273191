using System.CommandLine;
using System.Net.Http.Headers;
using Dataspace.Catalog.Federation;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary><c>dataspace demo</c>: starts the example federation on loopback and plays what it can do so far.</summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder for the participants' keys and databases (default: a new temporary folder)." };
        var keepRunning = new Option<bool>("--keep-running") { Description = "Keep the federation up after the scenarios until Ctrl+C." };
        var command = new Command("demo", "Start the example federation (hospital, partner hospital, research institute, regulator) on loopback and play the scenarios.")
        {
            data,
            keepRunning,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(data), parse.GetValue(keepRunning), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(DirectoryInfo? data, bool keepRunning, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Console;
        var dataRoot = data?.FullName ?? Path.Combine(Path.GetTempPath(), "dataspace-demo-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        console.MarkupLine($"[bold]Dataspace demo[/] — data in [grey]{Markup.Escape(dataRoot)}[/]");

        LocalFederation federation = null!;
        await console.Status().StartAsync("Starting four connectors on loopback…", async _ =>
            federation = await LocalFederation.StartAsync(LocalFederation.ExampleParticipants(), dataRoot, cancellationToken: cancellationToken));
        await using (federation)
        {
            ConnectorTable.Write(console, federation.Connectors);
            bool ok;
            try
            {
                var trusted = await MutualTrustAsync(console, federation, cancellationToken);
                var refused = await RefusalsAsync(console, federation, dataRoot, cancellationToken);
                var discovered = await DiscoveryAsync(console, federation, cancellationToken);
                var negotiated = await NegotiationAsync(console, federation, cancellationToken);
                var released = await DemoDataScenario.RunAsync(console, federation, cancellationToken);
                ok = trusted && refused && discovered && negotiated && released;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or DspProtocolException)
            {
                console.MarkupLine($"[red]A scenario could not run: {Markup.Escape(e.Message)}[/]");
                ok = false;
            }
            console.MarkupLine(ok
                ? "[green]Every member authenticated every other; every forged or stale request was refused; each member saw exactly the datasets its role admits; contracts were agreed only for entitled purposes; data left only as each patient allowed, pseudonymised for research, or by an emergency break-glass; each patient can see every access, and the regulator verified the ledger that recorded them.[/]"
                : "[red]Some checks failed; see above.[/]");
            if (keepRunning)
            {
                console.MarkupLine("[grey]Federation running. Press Ctrl+C to stop.[/]");
                await federation.Connectors[0].WaitForShutdownAsync(cancellationToken);
            }
            return ok ? 0 : 1;
        }
    }

    // Scenario 1: every member resolves every other's DID, reads its version metadata and is served its catalog on a signed request.
    private static async Task<bool> MutualTrustAsync(IAnsiConsole console, LocalFederation federation, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Signed catalog requests between members (DID resolved, token verified)");
        table.AddColumn("caller ↓  provider →");
        foreach (var provider in federation.Connectors)
            table.AddColumn(provider.Options.Participant.Name);
        var allOk = true;
        foreach (var caller in federation.Connectors)
        {
            var client = caller.Services.GetRequiredService<DspClient>();
            var cells = new List<string> { caller.Options.Participant.Name };
            foreach (var provider in federation.Connectors)
            {
                if (provider == caller)
                {
                    cells.Add("—");
                    continue;
                }
                using var response = await client.RequestCatalogAsync(provider.Identity.Did, cancellationToken);
                allOk &= response.IsSuccessStatusCode;
                cells.Add(response.IsSuccessStatusCode ? $"[green]{(int)response.StatusCode} catalog[/]" : $"[red]{(int)response.StatusCode}[/]");
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
        return allOk;
    }

    // Scenario 2: what an attacker or a stale peer tries is refused, and each refusal tells the caller nothing more than DSP requires.
    private static async Task<bool> RefusalsAsync(IAnsiConsole console, LocalFederation federation, string dataRoot, CancellationToken cancellationToken)
    {
        var hospital = federation["hrs"];
        var partner = federation["partner-de"];
        var partnerTokens = partner.Services.GetRequiredService<SelfIssuedTokens>();
        var catalogUrl = new Uri(hospital.Identity.DspBaseUrl + "/catalog/request");

        var strangerOptions = new ConnectorOptions { Participant = { Name = "stranger", DisplayName = "Not a member", Country = "FR" } };
        await using var strangers = await LocalFederation.StartAsync([strangerOptions], dataRoot, cancellationToken: cancellationToken);
        var stranger = strangers.Connectors[0];
        var strangerTokens = stranger.Services.GetRequiredService<SelfIssuedTokens>();

        var replayed = partnerTokens.Create(hospital.Identity.Did, TimeSpan.FromMinutes(1));
        using var http = new HttpClient();
        _ = await SendAsync(http, catalogUrl, replayed, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var cases = new (string Case, string? Token, int Expected)[]
        {
            ("no token", null, 401),
            ("garbled token", "not-a-jwt", 401),
            ("expired token", partnerTokens.Create(hospital.Identity.Did, now.AddMinutes(-10), TimeSpan.FromMinutes(2), Guid.NewGuid().ToString()), 401),
            ("replayed jti", replayed, 401),
            ("wrong audience", partnerTokens.Create(partner.Identity.Did, TimeSpan.FromMinutes(1)), 401),
            ("non-member's valid token", strangerTokens.Create(hospital.Identity.Did, TimeSpan.FromMinutes(1)), 404),
        };
        var table = new Table().Border(TableBorder.Rounded).Title($"Requests to {Markup.Escape(hospital.Options.Participant.DisplayName)}'s catalog that must be refused")
            .AddColumn("case").AddColumn("expected").AddColumn("answer");
        var allOk = true;
        foreach (var (name, token, expected) in cases)
        {
            var status = await SendAsync(http, catalogUrl, token, cancellationToken);
            allOk &= status == expected;
            table.AddRow(name, expected.ToString(System.Globalization.CultureInfo.InvariantCulture), status == expected ? $"[green]{status}[/]" : $"[red]{status}[/]");
        }
        console.Write(table);
        return allOk;
    }

    // Scenario 3: the hospital publishes its catalog; every member crawls the federated catalog and sees only what its role admits.
    private static async Task<bool> DiscoveryAsync(IAnsiConsole console, LocalFederation federation, CancellationToken cancellationToken)
    {
        var hospital = federation["hrs"];
        var seed = Path.Combine(AppContext.BaseDirectory, "config", "catalog", "hrs.json");
        var operatorKey = hospital.Options.Management.ApiKeys.First(k => k.Role == ManagementRoles.Operator).Key;
        var (assets, policies, definitions) = await CatalogImport.ImportAsync(seed, hospital.Identity.PublicUrl, operatorKey, cancellationToken);
        console.MarkupLine($"Hôpitaux Robert Schuman published {assets} assets, {policies} ODRL policies and {definitions} contract definitions.");

        var expected = new Dictionary<string, string[]>
        {
            ["partner-de"] = ["ambulance-vitals-stream", "cardiology-records", "home-monitoring-trends", "stroke-outcomes"],
            ["research"] = ["home-monitoring-trends", "stroke-outcomes"],
            ["regulator"] = ["home-monitoring-trends", "stroke-outcomes"],
        };
        var table = new Table().Border(TableBorder.Rounded).Title("Federated catalog: what each member finds of the hospital's datasets")
            .AddColumn("member (role)").AddColumn("datasets found").AddColumn("offered purposes");
        var allOk = true;
        foreach (var (name, wanted) in expected)
        {
            var member = federation[name];
            var catalog = member.Services.GetRequiredService<FederatedCatalog>();
            await catalog.CrawlAsync(cancellationToken);
            var index = await catalog.IndexAsync(cancellationToken);
            var hits = index.Query(new CatalogQuery { Participants = [hospital.Identity.Did], Limit = 100 }).Hits;
            var found = hits.Select(h => h.DatasetId).Order(StringComparer.Ordinal).ToArray();
            var ok = found.SequenceEqual(wanted);
            allOk &= ok;
            var role = hospital.Options.Members.FirstOrDefault(m => m.Did == member.Identity.Did)?.Role ?? "?";
            table.AddRow(
                Markup.Escape($"{name} ({role})"),
                (ok ? "[green]" : "[red]") + Markup.Escape(string.Join(", ", found)) + "[/]",
                Markup.Escape(string.Join(", ", hits.SelectMany(h => h.Purposes).Distinct().Select(p => p.Split('#')[^1]))));
        }
        console.Write(table);
        return allOk;
    }

    // Scenario 4: the partner hospital negotiates the ambulance stream for emergency treatment and gets an agreement;
    // the research institute asks for stroke outcomes offered for treatment only, and is refused with a reason it can read.
    private static async Task<bool> NegotiationAsync(IAnsiConsole console, LocalFederation federation, CancellationToken cancellationToken)
    {
        var hospital = federation["hrs"];
        var cases = new (string Member, string Dataset, string Expected)[]
        {
            ("partner-de", "ambulance-vitals-stream", "FINALIZED"),
            ("research", "home-monitoring-trends", "FINALIZED"),
            ("research", "stroke-outcomes", "TERMINATED"),
        };
        var table = new Table().Border(TableBorder.Rounded).Title("Contract negotiations with the hospital (DSP 2025-1)")
            .AddColumn("member").AddColumn("dataset").AddColumn("state").AddColumn("what the member is told");
        var allOk = true;
        foreach (var (member, dataset, expected) in cases)
        {
            var consumer = federation[member];
            var operatorKey = consumer.Options.Management.ApiKeys.First(k => k.Role == ManagementRoles.Operator).Key;
            using var http = new HttpClient { BaseAddress = new Uri(consumer.Identity.PublicUrl, "/api/management/v1/") };
            http.DefaultRequestHeaders.Add("X-Api-Key", operatorKey);
            var start = new StringContent($$"""{"counterPartyDid":"{{hospital.Identity.Did}}","datasetId":"{{dataset}}"}""", System.Text.Encoding.UTF8, "application/json");
            using var started = await http.PostAsync(new Uri("negotiations", UriKind.Relative), start, cancellationToken);
            var (state, reason) = ("refused", await started.Content.ReadAsStringAsync(cancellationToken));
            if (started.IsSuccessStatusCode)
            {
                using var created = System.Text.Json.JsonDocument.Parse(reason);
                var id = created.RootElement.GetProperty("id").GetString()!;
                (state, reason) = await AwaitTerminalAsync(http, id, cancellationToken);
            }
            var ok = state == expected;
            allOk &= ok;
            table.AddRow(Markup.Escape(member), Markup.Escape(dataset), (ok ? "[green]" : "[red]") + Markup.Escape(state) + "[/]", Markup.Escape(reason));
        }
        console.Write(table);
        return allOk;
    }

    private static async Task<(string State, string Reason)> AwaitTerminalAsync(HttpClient http, string id, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("negotiations/" + Uri.EscapeDataString(id), UriKind.Relative), cancellationToken);
            using var view = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var state = view.RootElement.GetProperty("state").GetString()!;
            if (state is "FINALIZED" or "TERMINATED" || DateTime.UtcNow > deadline)
            {
                var reason = view.RootElement.GetProperty("history").EnumerateArray()
                    .Select(e => e.TryGetProperty("reason", out var r) && r.ValueKind == System.Text.Json.JsonValueKind.String ? r.GetString() : null)
                    .LastOrDefault(r => !string.IsNullOrEmpty(r));
                return (state, state == "FINALIZED" ? "agreement concluded" : reason ?? "");
            }
            // The negotiation runs between two connectors over HTTP; a short pause between status reads keeps the demo light.
            await Task.Delay(20, cancellationToken);
        }
    }

    private static async Task<int> SendAsync(HttpClient http, Uri url, string? token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent($$"""{"@context":["{{DspPaths.Context}}"],"@type":"CatalogRequestMessage"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        return (int)response.StatusCode;
    }
}
