using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;
using Dataspace.Catalog.Dsp;
using Dataspace.Catalog.Federation;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>catalog</c>: a DSP catalog request for 10,000 assets between two connectors on loopback, and a federated catalog query over 50 × 1,000 datasets.</summary>
public sealed class CatalogBenchmark : IBenchmark
{
    private const int Assets = 10_000;
    private const int Participants = 50;
    private const int DatasetsPerParticipant = 1_000;

    /// <inheritdoc />
    public string Name => "catalog";

    /// <inheritdoc />
    public string Description =>
        $"DSP 2025-1 catalog request (signed token, access policy evaluated, {Assets:N0} datasets with offers, JSON over loopback) from a member to a provider on SQLite; "
        + "baseline: a signed catalog request answered with an empty catalog by the same provider. "
        + $"Federated catalog query (free text + facet) over {Participants} participants × {DatasetsPerParticipant:N0} datasets; baseline: a linear scan of the same entries.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rows = new List<BenchmarkRow> { await CatalogRequestAsync(context, cancellationToken) };
        rows.AddRange(FederatedQuery(context));
        return rows;
    }

    private static async Task<BenchmarkRow> CatalogRequestAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "dataspace-bench-catalog-" + Guid.NewGuid().ToString("n"));
        var quiet = new ConfigurationBuilder().AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]).Build();
        ConnectorOptions Options(string name) => new()
        {
            Participant = { Name = name, PublicUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}", DataFolder = Path.Combine(root, name) },
            Catalog = { PageSize = Assets, MaxPageSize = Assets, CrawlInterval = TimeSpan.Zero },
        };
        var providerOptions = Options("provider");
        var emptyOptions = Options("empty-provider");
        var consumerOptions = Options("consumer");
        var consumerDid = DidWeb.FromUrl(new Uri(consumerOptions.Participant.PublicUrl));
        providerOptions.Members = [consumerDid];
        emptyOptions.Members = [consumerDid];
        consumerOptions.Members = [DidWeb.FromUrl(new Uri(providerOptions.Participant.PublicUrl)), DidWeb.FromUrl(new Uri(emptyOptions.Participant.PublicUrl))];
        await using var provider = await RunningConnector.StartAsync(providerOptions, quiet, cancellationToken);
        await using var empty = await RunningConnector.StartAsync(emptyOptions, quiet, cancellationToken);
        await using var consumer = await RunningConnector.StartAsync(consumerOptions, quiet, cancellationToken);
        try
        {
            context.Progress($"seeding {Assets:N0} assets");
            await SeedAsync(provider, cancellationToken);
            var dsp = consumer.Services.GetRequiredService<DspClient>();
            Action Request(RunningConnector target) => () =>
            {
                using var response = dsp.RequestCatalogAsync(target.Identity.Did, cancellationToken).GetAwaiter().GetResult();
                response.EnsureSuccessStatusCode();
                // Read the whole body: the consumer has the catalog only once every byte has arrived.
                using var stream = response.Content.ReadAsStream(cancellationToken);
                stream.CopyTo(Stream.Null);
            };
            using (var check = await dsp.RequestCatalogAsync(provider.Identity.Did, cancellationToken))
            {
                using var catalog = JsonDocument.Parse(await check.Content.ReadAsStringAsync(cancellationToken));
                context.Note($"the catalog carries {catalog.RootElement.GetProperty("dataset").GetArrayLength():N0} datasets, {await check.Content.ReadAsByteArrayAsync(cancellationToken) switch { var b => b.Length / 1024 }:N0} KiB of JSON");
            }
            context.Progress("catalog request, 10,000 datasets");
            var plan = context.Plan with { Warmup = Math.Min(context.Plan.Warmup, 3), Samples = Math.Min(context.Plan.Samples, 20) };
            var ours = Measurement.Run(Request(provider), plan);
            context.Progress("catalog request, empty catalog");
            var baseline = Measurement.Run(Request(empty), context.Plan);
            return new BenchmarkRow($"DSP catalog request, {Assets:N0} datasets", ours, "same request, empty catalog", baseline);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder left behind is harmless; the figures are what matters.
            }
        }
    }

    private static async Task SeedAsync(RunningConnector provider, CancellationToken cancellationToken)
    {
        var stores = provider.Services.GetRequiredService<CatalogStores>();
        using var policy = JsonDocument.Parse("""
            { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:bench:offer",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "purpose", "operator": "isA",
                "rightOperand": { "@id": "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT" } }] }] }
            """);
        using var access = JsonDocument.Parse("""{ "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:bench:access", "permission": [{ "action": "use" }] }""");
        await stores.Policies.InsertAsync("offer", new PolicyDefinition("offer", policy.RootElement.Clone()), cancellationToken);
        await stores.Policies.InsertAsync("access", new PolicyDefinition("access", access.RootElement.Clone()), cancellationToken);
        await stores.ContractDefinitions.InsertAsync("all", new ContractDefinitionDocument("all", "access", "offer", []), cancellationToken);
        for (var i = 0; i < Assets; i++)
            await stores.Assets.InsertAsync($"asset-{i:D5}", SampleAsset(i), cancellationToken);
    }

    private static Asset SampleAsset(int i) => new($"asset-{i:D5}", new DatasetDescription
    {
        Title = $"Vital signs cohort {i}",
        Description = "Blood pressure, heart rate and SpO2 observations of a cardiology cohort, FHIR R4.",
        Keywords = ["vital signs", "cardiology", $"cohort-{i % 50}"],
        Publisher = "https://hospital.example",
        HealthCategories = [i % 2 == 0 ? "EHR" : "MEDICAL_DEVICE_DATA"],
        NumberOfRecords = 1000 + i,
        Countries = ["LU"],
        TransferTypes = ["FHIR-PULL"],
    }, new DataAddress("FhirStore", new Dictionary<string, string>()));

    private static IEnumerable<BenchmarkRow> FederatedQuery(BenchmarkContext context)
    {
        context.Progress($"indexing {Participants} × {DatasetsPerParticipant:N0} datasets");
        var offer = new JsonObject
        {
            ["@id"] = "urn:bench:offer",
            ["@type"] = "Offer",
            ["permission"] = new JsonArray(new JsonObject
            {
                ["action"] = "use",
                ["constraint"] = new JsonArray(new JsonObject { ["leftOperand"] = "odrl:purpose", ["operator"] = "isA", ["rightOperand"] = "HRESCH" }),
            }),
        };
        var entries = new List<CatalogEntry>();
        for (var p = 0; p < Participants; p++)
        {
            var did = $"did:web:participant-{p}.example";
            var catalog = new JsonObject
            {
                ["@id"] = did + "#catalog",
                ["@type"] = "Catalog",
                ["participantId"] = did,
                ["dataset"] = new JsonArray(Enumerable.Range(0, DatasetsPerParticipant)
                    .Select(i => (JsonNode)DspDataset.Build(SampleAsset(p * DatasetsPerParticipant + i), [(JsonObject)offer.DeepClone()], did + "#dsp")).ToArray()),
            };
            using var document = JsonDocument.Parse(catalog.ToJsonString());
            entries.AddRange(CatalogReader.Read(document.RootElement, did, p % 2 == 0 ? "LU" : "DE"));
        }
        var index = FederatedCatalogIndex.Build(entries);
        var query = new CatalogQuery { Text = "cardio cohort 7", HealthCategories = ["EHR"], Countries = ["LU"], Limit = 50 };
        var expected = index.Query(query).Total;
        context.Note($"the federated query matches {expected:N0} of {index.Count:N0} datasets");
        var ours = Measurement.Run(() => index.Query(query), context.Plan);
        var baseline = Measurement.Run(() => LinearScan(entries, query), context.Plan);
        if (LinearScan(entries, query) != expected)
            context.Note("the linear scan and the index disagree on the hit count; check the tokenizer");
        yield return new BenchmarkRow($"federated query, {Participants} × {DatasetsPerParticipant:N0} datasets", ours, "linear scan of the entries", baseline);
    }

    /// <summary>What a catalog without an index would do: test every entry's words and facets.</summary>
    private static int LinearScan(List<CatalogEntry> entries, CatalogQuery query)
    {
        var words = FederatedCatalogIndex.Tokenize(query.Text).ToArray();
        var count = 0;
        foreach (var entry in entries)
        {
            var text = FederatedCatalogIndex.Tokenize(entry.Title).Concat(FederatedCatalogIndex.Tokenize(entry.Description))
                .Concat(entry.Keywords.SelectMany(FederatedCatalogIndex.Tokenize)).Concat(entry.HealthCategories.SelectMany(FederatedCatalogIndex.Tokenize))
                .Concat(FederatedCatalogIndex.Tokenize(entry.Publisher)).ToArray();
            if (words.All(w => text.Any(t => t.StartsWith(w, StringComparison.Ordinal)))
                && entry.HealthCategories.Intersect(query.HealthCategories).Any() && entry.Countries.Intersect(query.Countries).Any())
                count++;
        }
        return count;
    }
}
