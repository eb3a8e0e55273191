using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Postgres;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Connector.Tests.Catalog;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// An agreement's count constraint holds under concurrent data-plane requests: <see cref="AgreementUses"/> reads, judges
/// and counts a use in one locked transaction (SQLite: <c>BEGIN IMMEDIATE</c>; PostgreSQL: <c>SELECT … FOR UPDATE</c>),
/// so twenty simultaneous requests under "at most five uses" get exactly five grants, on either database.
/// </summary>
public sealed class AgreementUsesConcurrencyTests
{
    private const int Limit = 5;
    private const int Attempts = 20;

    private static readonly string FiveUsesOffer = OfferId.Create("emergency-five-uses", "cardiology-five-uses");

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Twenty_concurrent_uses_are_judged_one_at_a_time_and_exactly_five_are_granted(TestStorage storage)
    {
        var database = storage == TestStorage.Postgres
            ? (ConnectorDatabase)new PostgresDatabase(TestStorages.Require(storage)!, TestPostgres.NewSchema())
            : new SqliteDatabase(Path.Combine(TestPaths.NewTempFolder(), "uses.db"));
        try
        {
            await Migrator.MigrateAsync(database, Migrations.All);
            var uses = new AgreementUses(database);
            var agreementId = "urn:uuid:" + Guid.NewGuid();
            int inFlight = 0, maxInFlight = 0, judging = 0, maxJudging = 0;
            var seen = new ConcurrentBag<long>();
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            // Every attempt is in flight before any asks: on two cores an attempt could otherwise finish before the next starts.
            var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

            var attempts = Enumerable.Range(0, Attempts).Select(_ => Task.Run(async () =>
            {
                await go.Task;
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                if (now == Attempts)
                    allStarted.SetResult();
                await allStarted.Task;
                try
                {
                    return await uses.TryUseAsync(agreementId, used =>
                    {
                        InterlockedMax(ref maxJudging, Interlocked.Increment(ref judging));
                        seen.Add(used);
                        // Widens the window between reading the count and writing it: without the lock, others would read the same count meanwhile.
                        Thread.Sleep(20);
                        Interlocked.Decrement(ref judging);
                        return (used < Limit, used < Limit);
                    }, CancellationToken.None);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            })).ToList();
            go.SetResult();
            var granted = await Task.WhenAll(attempts);

            Assert.True(maxInFlight > 1, $"the attempts never overlapped (at most {maxInFlight} in flight), so nothing was tested");
            Assert.Equal(1, maxJudging);
            Assert.Equal(Limit, granted.Count(g => g));
            // Each grant saw the count the one before left: 0, 1, 2, 3, 4; every refusal saw the limit reached.
            long[] expected = [.. Enumerable.Range(0, Limit).Select(n => (long)n), .. Enumerable.Repeat((long)Limit, Attempts - Limit)];
            Assert.Equal(expected, seen.Order());
            await using var connection = await database.OpenAsync();
            Assert.Equal(Limit, await connection.ExecuteScalarAsync<long>("SELECT uses FROM agreement_uses WHERE agreement_id = @agreementId", new { agreementId }));
        }
        finally
        {
            if (database is IAsyncDisposable disposable)
                await disposable.DisposeAsync();
        }
    }

    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task Twenty_concurrent_pulls_under_an_agreement_allowing_five_release_data_exactly_five_times(TestStorage storage)
    {
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(TestStorages.Require(storage), autoRespond: true);
        await using var provider = await TestConnectors.StartAsync(providerOptions);
        await using var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
        {
            await NegotiationSeed.SeedAsync(management);
            await SeedFiveUsesAsync(management);
        }
        var patient = "u" + Guid.NewGuid().ToString("n")[..8];
        await PutAsync(provider, new Patient { Id = patient, Gender = AdministrativeGender.Male, BirthDate = "1958-07-21" });
        await PutAsync(provider, new Observation
        {
            Id = "o" + patient,
            Status = ObservationStatus.Final,
            Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
            Subject = new ResourceReference("Patient/" + patient),
            Value = new Quantity(92, "/min", "http://unitsofmeasure.org"),
        });

        var negotiation = await NegotiationDriver.PostAsync(consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = FiveUsesOffer }, HttpStatusCode.Created);
        var finalized = await NegotiationDriver.StateAsync(consumer, negotiation.GetProperty("id").GetString()!, "FINALIZED");
        await NegotiationDriver.StateAsync(provider, finalized.GetProperty("providerPid").GetString()!, "FINALIZED");
        var agreementId = finalized.GetProperty("agreement").GetProperty("@id").GetString()!;
        var requested = await NegotiationDriver.PostAsync(consumer, "transfers",
            new JsonObject { ["agreementId"] = agreementId, ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var consumerPid = requested.GetProperty("id").GetString()!;
        var token = await Eventually.WaitAsync(async () =>
            (await consumer.Services.GetRequiredService<TransferStore>().FindAsync(consumerPid))?.DataAddress is { } address ? DataAddress.Property(address, "authorization") : null,
            "the EDR");

        var url = new Uri(provider.Identity.PublicUrl, $"{TransferActions.DataPlanePath}/Observation?patient={patient}");
        using var http = new HttpClient();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pulls = Enumerable.Range(0, Attempts).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        go.SetResult();
        var answers = await Task.WhenAll(pulls);

        var released = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.Forbidden).ToList();
        Assert.True(released.Count + refused.Count == Attempts, "unexpected answers: " + string.Join(" | ", answers.Select(a => $"{(int)a.StatusCode} {a.Body}")));
        Assert.Equal(Limit, released.Count);
        Assert.All(released, a => Assert.Equal("Observation/o" + patient, Reference(Assert.Single(a.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)))));
        Assert.All(refused, a => Assert.Equal("usage_denied", JsonDocument.Parse(a.Body).RootElement.GetProperty("error").GetString()));

        var database = provider.Services.GetRequiredService<ConnectorDatabase>();
        await using (var connection = await database.OpenAsync())
            Assert.Equal(Limit, await connection.ExecuteScalarAsync<long>("SELECT uses FROM agreement_uses WHERE agreement_id = @agreementId", new { agreementId }));
        // One ledger entry per request: a release counts its patient and resource, a refusal nothing.
        var entries = await Eventually.WaitAsync(async () =>
            await DataAccessEntriesAsync(provider, agreementId) is { Count: >= Attempts } all ? all : null, $"{Attempts} data-access entries");
        var summary = string.Join(" | ", entries.Select(e => e.GetRawText()));
        Assert.True(entries.Count == Attempts, summary);
        Assert.True(Limit == entries.Count(e => e.GetProperty("patientCount").GetInt64() == 1 && e.GetProperty("resourceCount").GetInt64() == 1), summary);
        Assert.True(Attempts - Limit == entries.Count(e => e.GetProperty("patientCount").GetInt64() == 0 && e.GetProperty("decision").GetString() == "deny"), summary);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var previous = Interlocked.CompareExchange(ref target, value, current);
            if (previous == current)
                return;
            current = previous;
        }
    }

    private static string Reference(string line)
    {
        using var resource = JsonDocument.Parse(line);
        return resource.RootElement.GetProperty("resourceType").GetString() + "/" + resource.RootElement.GetProperty("id").GetString();
    }

    private static async Task SeedFiveUsesAsync(ManagementClient provider)
    {
        await provider.CreateAsync("assets", CatalogSeed.CardiologyAsset.Replace("\"cardiology-records\"", "\"cardiology-five-uses\"", StringComparison.Ordinal));
        await provider.CreateAsync("policies", $$"""
            { "id": "treatment-five-uses", "policy": {
                "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:policy:treatment-five-uses",
                "permission": [{ "action": "use",
                  "constraint": [{ "leftOperand": "purpose", "operator": "eq",
                                   "rightOperand": { "@id": "{{NegotiationFederation.Hl7}}TREAT" } },
                                 { "leftOperand": "count", "operator": "lteq", "rightOperand": {{Limit}} }] }] } }
            """);
        await provider.CreateAsync("contractdefinitions", """
            { "id": "emergency-five-uses", "accessPolicyId": "hospitals-access", "contractPolicyId": "treatment-five-uses",
              "assetSelector": [{ "property": "id", "operator": "=", "values": ["cardiology-five-uses"] }] }
            """);
    }

    private static async Task PutAsync(RunningConnector side, Resource resource)
    {
        using var http = new HttpClient { BaseAddress = side.Identity.PublicUrl };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/{resource.TypeName}/{resource.Id}")
        {
            Content = new StringContent(FhirJson.Serialize(resource), Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add(ApiKeyFilter.Header, TestConnectors.OperatorKey);
        using var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"PUT {resource.TypeName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<List<JsonElement>> DataAccessEntriesAsync(RunningConnector provider, string agreementId)
    {
        using var http = new HttpClient { BaseAddress = provider.Identity.PublicUrl };
        var size = JsonDocument.Parse(await http.GetStringAsync("/api/ledger/v1/sth")).RootElement.GetProperty("tree_size").GetInt64();
        var all = new List<JsonElement>();
        for (long start = 0; start < size; start += 1000)
        {
            var page = JsonDocument.Parse(await http.GetStringAsync($"/api/ledger/v1/entries?start={start}&end={Math.Min(size, start + 1000) - 1}")).RootElement;
            all.AddRange(page.EnumerateArray().Select(e => JsonDocument.Parse(e.GetProperty("entry").GetString()!).RootElement)
                .Where(e => e.GetProperty("kind").GetString() == "data-access" && e.GetProperty("agreementId").GetString() == agreementId));
        }
        return all;
    }
}
