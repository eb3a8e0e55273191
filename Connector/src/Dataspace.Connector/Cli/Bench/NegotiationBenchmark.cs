using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>negotiation</c>: catalog → FINALIZED agreement between two connectors on loopback, one at a time and 500 at once.</summary>
public sealed class NegotiationBenchmark : IBenchmark
{
    private const int Concurrent = 500;
    private const string Treatment = "http://terminology.hl7.org/CodeSystem/v3-ActReason#TREAT";
    private static readonly TimeSpan OneTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan BurstTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Terminal states by negotiation id, as the consumer's store commits them.</summary>
    private readonly ConcurrentDictionary<string, TaskCompletionSource<NegotiationState>> _outcomes = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public string Name => "negotiation";

    /// <inheritdoc />
    public string Description =>
        "DSP 2025-1 contract negotiation between two connectors on loopback (SQLite, automatic responses, signed tokens, outbox delivery): "
        + "the consumer requests the provider's catalog, takes the offer, starts the negotiation through the management API's service and "
        + "waits until its side is FINALIZED (REQUESTED → AGREED → VERIFIED → FINALIZED, five DSP messages plus the catalog request); "
        + "baseline: one signed DSP catalog request round trip between the same two connectors. "
        + $"Then {Concurrent} negotiations started at once: time until all are FINALIZED or TERMINATED.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = Path.Combine(Path.GetTempPath(), "dataspace-bench-negotiation-" + Guid.NewGuid().ToString("n"));
        var quiet = new ConfigurationBuilder().AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]).Build();
        ConnectorOptions Options(string name) => new()
        {
            Participant = { Name = name, PublicUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}", DataFolder = Path.Combine(root, name) },
            Catalog = { CrawlInterval = TimeSpan.Zero },
        };
        var providerOptions = Options("provider");
        var consumerOptions = Options("consumer");
        var consumerDid = DidWeb.FromUrl(new Uri(consumerOptions.Participant.PublicUrl));
        providerOptions.Members = [new MemberOptions { Did = consumerDid, Purposes = [Treatment] }];
        consumerOptions.Members = [DidWeb.FromUrl(new Uri(providerOptions.Participant.PublicUrl))];
        try
        {
            await using var provider = await RunningConnector.StartAsync(providerOptions, quiet, cancellationToken);
            await using var consumer = await RunningConnector.StartAsync(consumerOptions, quiet, cancellationToken);
            await SeedAsync(provider, cancellationToken);
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"SQLite runs with synchronous=FULL, so every commit waits for the disk: a flushed 4 KiB write in the data folder takes {FlushMilliseconds(root):0.00} ms at p50 on this machine"));
            var store = consumer.Services.GetRequiredService<NegotiationStore>();
            store.Committed += OnCommitted;
            try
            {
                return await MeasureAsync(context, provider, consumer, store, cancellationToken);
            }
            finally
            {
                store.Committed -= OnCommitted;
            }
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

    private async Task<IReadOnlyList<BenchmarkRow>> MeasureAsync(
        BenchmarkContext context, RunningConnector provider, RunningConnector consumer, NegotiationStore store, CancellationToken cancellationToken)
    {
        var providerDid = provider.Identity.Did;
        var dsp = consumer.Services.GetRequiredService<DspClient>();
        var actions = consumer.Services.GetRequiredService<NegotiationActions>();

        // One negotiation, end to end, as an application would run it.
        async Task<NegotiationState> NegotiateAsync()
        {
            var offer = await OfferAsync(dsp, providerDid, cancellationToken);
            var started = await actions.RequestAsync(providerDid, offer, cancellationToken);
            return await OutcomeAsync(started.Id, OneTimeout, cancellationToken);
        }

        async Task CatalogAsync()
        {
            using var response = await dsp.RequestCatalogAsync(providerDid, cancellationToken);
            response.EnsureSuccessStatusCode();
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            await stream.CopyToAsync(Stream.Null, cancellationToken);
        }

        if (await NegotiateAsync() != NegotiationState.Finalized)
            throw new InvalidOperationException("the benchmark negotiation did not reach FINALIZED; check the seeded offer and the consumer's purposes");

        // Every negotiation is its own sample (no batching), so p99 is the 99th percentile of single negotiations.
        var plan = context.Plan;
        var samples = plan.Samples * 10;
        var warmup = Math.Max(plan.Warmup * 4, 20);
        context.Progress($"catalog → FINALIZED, {warmup} warm-up + {samples} samples");
        var terminated = 0;
        var ours = await TimeAsync(async () =>
        {
            if (await NegotiateAsync() != NegotiationState.Finalized)
                Interlocked.Increment(ref terminated);
        }, warmup, samples, plan.MinWarmupTime);
        if (terminated > 0)
            context.Note($"{terminated} of the timed negotiations ended TERMINATED instead of FINALIZED");
        context.Progress($"catalog request round trip, {warmup} warm-up + {samples} samples");
        var baseline = await TimeAsync(CatalogAsync, warmup, samples, plan.MinWarmupTime);
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"one negotiation (catalog request included) costs {ours.P50Ms / baseline.P50Ms:0.0} catalog round trips at p50 ({ours.P50Ms:0.00} ms vs {baseline.P50Ms:0.00} ms); target ≤ 25 ms p50"));
        var rows = new List<BenchmarkRow> { new("catalog → agreement FINALIZED (consumer side)", ours, "one signed DSP catalog request round trip", baseline) };

        context.Progress($"{Concurrent} concurrent negotiations");
        rows.AddRange(await BurstAsync(context, dsp, actions, store, providerDid, cancellationToken));
        return rows;
    }

    private async Task<IEnumerable<BenchmarkRow>> BurstAsync(
        BenchmarkContext context, DspClient dsp, NegotiationActions actions, NegotiationStore store, string providerDid, CancellationToken cancellationToken)
    {
        var offer = await OfferAsync(dsp, providerDid, cancellationToken);
        var latencies = new double[Concurrent];
        var states = new NegotiationState?[Concurrent];
        var ids = new string?[Concurrent];
        var start = Stopwatch.GetTimestamp();
        var all = Enumerable.Range(0, Concurrent).Select(i => Task.Run(async () =>
        {
            var begun = Stopwatch.GetTimestamp();
            var started = await actions.RequestAsync(providerDid, (JsonObject)offer.DeepClone(), cancellationToken);
            ids[i] = started.Id;
            try
            {
                states[i] = await OutcomeAsync(started.Id, BurstTimeout, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
            }
            catch (TimeoutException)
            {
                // Counted below from the store.
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(all);
        var elapsed = Stopwatch.GetElapsedTime(start);

        var finalized = states.Count(s => s == NegotiationState.Finalized);
        var terminated = states.Count(s => s == NegotiationState.Terminated);
        var throughput = Concurrent / elapsed.TotalSeconds;
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"{Concurrent} concurrent negotiations: all terminal after {elapsed.TotalMilliseconds:N0} ms, {finalized} FINALIZED, {terminated} TERMINATED, {throughput:N0} negotiations/s"));
        var open = Concurrent - finalized - terminated;
        if (open > 0)
        {
            var stuck = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in ids)
            {
                if (id is null || _outcomes.TryGetValue(id, out var done) && done.Task.IsCompleted)
                    continue;
                var state = (await store.FindAsync(id, cancellationToken))?.State.ToWire() ?? "not stored";
                stuck[state] = stuck.GetValueOrDefault(state) + 1;
            }
            context.Note($"{open} of {Concurrent} negotiations did NOT reach a terminal state within {BurstTimeout.TotalMinutes:0} min: "
                + string.Join(", ", stuck.Select(s => $"{s.Value} {s.Key}")));
        }
        var finished = latencies.Where((_, i) => states[i] is not null).ToArray();
        var rows = new List<BenchmarkRow>
        {
            // One sample of the whole burst: ms per negotiation is the wall time over the count, so ops/s is the throughput.
            new($"{Concurrent} concurrent: wall time per negotiation (ops/s = throughput)", Measurement.FromSamples([elapsed.TotalMilliseconds / Concurrent], Concurrent)),
        };
        if (finished.Length > 0)
            rows.Add(new BenchmarkRow($"{Concurrent} concurrent: start → terminal, each negotiation", Measurement.FromSamples(finished)));
        return rows;
    }

    /// <summary>Runs <paramref name="operation"/> <paramref name="warmup"/> times (and at least <paramref name="minWarmup"/>), then times each of <paramref name="samples"/> runs.</summary>
    private static async Task<Measurement> TimeAsync(Func<Task> operation, int warmup, int samples, TimeSpan minWarmup)
    {
        var warmupStart = Stopwatch.GetTimestamp();
        for (var i = 0; i < warmup || Stopwatch.GetElapsedTime(warmupStart) < minWarmup; i++)
            await operation();
        var times = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return Measurement.FromSamples(times);
    }

    /// <summary>Median time of a 4 KiB write flushed to the disk (what a commit waits for), over 50 writes.</summary>
    private static double FlushMilliseconds(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "flush-probe.bin");
        var block = new byte[4096];
        var times = new double[50];
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (var i = 0; i < times.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                file.Write(block);
                file.Flush(flushToDisk: true);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        File.Delete(path);
        return Measurement.FromSamples(times).P50Ms;
    }

    /// <summary>The provider's catalog as this consumer sees it, over DSP; its first dataset's first offer, targeted at the dataset.</summary>
    private static async Task<JsonObject> OfferAsync(DspClient dsp, string providerDid, CancellationToken cancellationToken)
    {
        using var response = await dsp.RequestCatalogAsync(providerDid, cancellationToken);
        response.EnsureSuccessStatusCode();
        var catalog = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
        var dataset = catalog["dataset"]![0]!.AsObject();
        var offer = dataset["hasPolicy"]![0]!.DeepClone().AsObject();
        offer["target"] = dataset["@id"]!.GetValue<string>();
        return offer;
    }

    private void OnCommitted(string id, NegotiationState state)
    {
        if (state.IsTerminal())
            Outcome(id).TrySetResult(state);
    }

    private TaskCompletionSource<NegotiationState> Outcome(string id) =>
        _outcomes.GetOrAdd(id, _ => new TaskCompletionSource<NegotiationState>(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Waits for the consumer's store to commit a terminal state of <paramref name="id"/> (the event may have fired already).</summary>
    private async Task<NegotiationState> OutcomeAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var state = await Outcome(id).Task.WaitAsync(timeout, cancellationToken);
        _outcomes.TryRemove(id, out _);
        return state;
    }

    private static async Task SeedAsync(RunningConnector provider, CancellationToken cancellationToken)
    {
        var stores = provider.Services.GetRequiredService<CatalogStores>();
        using var policy = JsonDocument.Parse($$"""
            { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:bench:offer",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "purpose", "operator": "isA",
                "rightOperand": { "@id": "{{Treatment}}" } }] }] }
            """);
        using var access = JsonDocument.Parse("""{ "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:bench:access", "permission": [{ "action": "use" }] }""");
        await stores.Policies.InsertAsync("offer", new PolicyDefinition("offer", policy.RootElement.Clone()), cancellationToken);
        await stores.Policies.InsertAsync("access", new PolicyDefinition("access", access.RootElement.Clone()), cancellationToken);
        await stores.ContractDefinitions.InsertAsync("all", new ContractDefinitionDocument("all", "access", "offer", []), cancellationToken);
        await stores.Assets.InsertAsync("vital-signs", new Asset("vital-signs", new DatasetDescription
        {
            Title = "Vital signs cohort",
            Description = "Blood pressure, heart rate and SpO2 observations of a cardiology cohort, FHIR R4.",
            Keywords = ["vital signs", "cardiology"],
            Publisher = "https://hospital.example",
            HealthCategories = ["EHR"],
            NumberOfRecords = 1000,
            Countries = ["LU"],
            TransferTypes = ["FHIR-PULL"],
        }, new DataAddress("FhirStore", new Dictionary<string, string>())), cancellationToken);
    }
}
