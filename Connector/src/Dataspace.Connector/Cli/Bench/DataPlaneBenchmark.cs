using System.Buffers;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using DataAddress = Dataspace.Connector.Transfer.DataAddress;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>
/// <c>dataplane</c>: FHIR pulls through the provider's whole enforcement chain between two connectors on loopback, against
/// the raw store read of the same resources; time to first byte against a trivial GET; a million resources in one pull
/// with the working set watched.
/// </summary>
public sealed class DataPlaneBenchmark : IBenchmark
{
    private const int Patients = 100;
    private const int Batch = 1000;

    // Ids of the Observations added by SQL start here, above any the write path gave the same patient.
    private const int SqlIdOffset = 1_000_000;
    private const string Hl7 = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    private const string TreatmentAsset = "vital-signs";
    private const string ResearchAsset = "vital-signs-research";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public string Name => "dataplane";

    /// <inheritdoc />
    public string Description =>
        "FHIR-PULL data plane between two connectors on loopback (SQLite, synchronous=FULL): one request naming 100 patients with 1,000 vital-sign "
        + "Observations each streams 100k resources as NDJSON through the whole chain (EDR token, STARTED transfer, agreement and use count, "
        + "consent per patient from the store, ledger entry), read by an HTTP client holding the EDR; baseline: the raw store read of the same "
        + "Observations (IFhirStore.StreamAsync) in the same process, interleaved sample by sample. Also the same pull under a pseudonymisation "
        + "duty (informative), time to first byte of a one-patient pull against GET /health/live on the same host, and one pull of "
        + "100 patients × 10,000 Observations (1M) with the working set sampled while it streams.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quick = context.Plan.Samples < MeasurementPlan.Full.Samples;
        var perPatient = quick ? 100 : 1000;
        var bigPerPatient = quick ? 1000 : 10_000;
        var root = Path.Combine(Path.GetTempPath(), "dataspace-bench-dataplane-" + Guid.NewGuid().ToString("n"));
        var quiet = new ConfigurationBuilder().AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]).Build();
        ConnectorOptions Options(string name) => new()
        {
            Participant = { Name = name, PublicUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}", DataFolder = Path.Combine(root, name) },
            Catalog = { CrawlInterval = TimeSpan.Zero },
            // Long enough that no EDR expires during the run.
            Transfer = { EdrLifetime = TimeSpan.FromHours(2) },
        };
        var providerOptions = Options("provider");
        var consumerOptions = Options("consumer");
        providerOptions.Members = [new MemberOptions { Did = DidWeb.FromUrl(new Uri(consumerOptions.Participant.PublicUrl)), Role = "hospital", Purposes = [Hl7 + "#TREAT", Hl7 + "#HRESCH"] }];
        consumerOptions.Members = [new MemberOptions { Did = DidWeb.FromUrl(new Uri(providerOptions.Participant.PublicUrl)), Role = "hospital" }];
        try
        {
            await using var provider = await RunningConnector.StartAsync(providerOptions, quiet, cancellationToken);
            await using var consumer = await RunningConnector.StartAsync(consumerOptions, quiet, cancellationToken);
            await SeedCatalogAsync(provider, cancellationToken);
            context.Progress($"loading {Patients} patients × {perPatient:N0} Observations through the store, and a Consent per patient");
            await SeedAsync(provider, perPatient, cancellationToken);
            var treatment = await StartedTransferAsync(consumer, provider, TreatmentAsset, cancellationToken);
            var research = await StartedTransferAsync(consumer, provider, ResearchAsset, cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { Timeout = TimeSpan.FromMinutes(10) };
            var store = provider.Services.GetRequiredService<IFhirStore>();
            var everyone = string.Join(',', Enumerable.Range(0, Patients).Select(PatientId));
            var size = Patients * perPatient;

            var rows = new List<BenchmarkRow>();
            var baseline = await MeasureChainAsync(context, rows, http, store, treatment, research, everyone, size, cancellationToken);
            rows.Add(await MeasureFirstByteAsync(context, http, provider, treatment, cancellationToken));
            rows.Add(await MeasureMillionAsync(context, http, provider, store, treatment, everyone, bigPerPatient - perPatient, Patients * bigPerPatient, cancellationToken));
            var bytes = (await store.ReadAsync("Observation", ObservationId(0, 0), cancellationToken))!.Json!.Length;
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"Each Observation is about {bytes} bytes of JSON; the raw store read ran at {1000 / baseline.P50Ms:N0} resources/s at p50. ")
                + "The client reads the provider's data plane with the EDR the consumer connector received, as a consumer's data-plane client does; the consumer's own proxy (transfers/{id}/data) is not in the path.");
            return rows;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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

    /// <summary>Cases (a) and (b): 100 patients in one request, plain and pseudonymised, against the raw store read; returns the baseline.</summary>
    private static async Task<Measurement> MeasureChainAsync(
        BenchmarkContext context, List<BenchmarkRow> rows, HttpClient http, IFhirStore store, Edr treatment, Edr research, string everyone, int size,
        CancellationToken cancellationToken)
    {
        var plan = context.Plan;
        var samples = Math.Max(3, plan.Samples / 3);
        var warmup = Math.Max(1, plan.Warmup / 2);
        context.Progress($"pull of {size:N0} Observations through the chain and the raw store read, {warmup} warm-up + {samples} samples each, interleaved");
        async Task<double> ChainAsync(Edr edr) => await TimedAsync(() => PullAsync(http, edr.Url("Observation", everyone), edr.Token, null, cancellationToken), size);
        async Task<double> StoreAsync() => await TimedAsync(async () =>
        {
            long count = 0;
            await foreach (var resource in store.StreamAsync("Observation", StreamFilter.None, cancellationToken))
                count += resource.Json!.Length > 0 ? 1 : 0;
            return count;
        }, size);

        for (var i = 0; i < warmup; i++)
        {
            await StoreAsync();
            await ChainAsync(treatment);
        }
        var ours = new List<double>();
        var raw = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            raw.Add(await StoreAsync());
            ours.Add(await ChainAsync(treatment));
        }
        var chain = Measurement.FromSamples(ours, size);
        var baseline = Measurement.FromSamples(raw, size);
        rows.Add(new BenchmarkRow($"pull {size:N0} Observations of {Patients} patients, one request (per resource)", chain, "raw store read (IFhirStore.StreamAsync)", baseline));
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"Pull through the chain: {1000 / chain.P50Ms:N0} resources/s at p50, {baseline.P50Ms / chain.P50Ms:0.00} × the raw store read rate measured in the same run (targets ≥ 20,000/s and ≥ 0.5 ×)."));

        var pseudonymisedSamples = Math.Max(2, samples / 3);
        context.Progress($"the same pull under a pseudonymisation duty, 1 warm-up + {pseudonymisedSamples} samples");
        await ChainAsync(research);
        var pseudonymised = new List<double>();
        for (var i = 0; i < pseudonymisedSamples; i++)
            pseudonymised.Add(await ChainAsync(research));
        var duty = Measurement.FromSamples(pseudonymised, size);
        rows.Add(new BenchmarkRow($"same pull, pseudonymisation duty (research-trends profile)", duty, "raw store read (IFhirStore.StreamAsync)", baseline));
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"Pseudonymised pull (informative): {1000 / duty.P50Ms:N0} resources/s at p50; each resource is parsed with Firely (not validated again: the store validated it on the way in), pseudonymised and serialised into the response."));
        return baseline;
    }

    /// <summary>Case (c): time to the first body byte of a one-patient pull, against an unauthenticated trivial GET on the same host.</summary>
    private static async Task<BenchmarkRow> MeasureFirstByteAsync(BenchmarkContext context, HttpClient http, RunningConnector provider, Edr edr, CancellationToken cancellationToken)
    {
        var samples = context.Plan.Samples * 10;
        var warmup = Math.Max(20, context.Plan.Warmup * 4);
        context.Progress($"time to first byte of a one-patient pull and of GET /health/live, {warmup} warm-up + {samples} samples each, interleaved");
        var pull = edr.Url("Observation", PatientId(7));
        var live = new Uri(provider.Identity.PublicUrl, "/health/live");
        for (var i = 0; i < warmup; i++)
        {
            await FirstByteAsync(http, live, null, cancellationToken);
            await FirstByteAsync(http, pull, edr.Token, cancellationToken);
        }
        var ours = new double[samples];
        var baseline = new double[samples];
        for (var i = 0; i < samples; i++)
        {
            baseline[i] = await FirstByteAsync(http, live, null, cancellationToken);
            ours[i] = await FirstByteAsync(http, pull, edr.Token, cancellationToken);
        }
        var row = new BenchmarkRow("time to first byte, one-patient pull", Measurement.FromSamples(ours), "GET /health/live (no auth)", Measurement.FromSamples(baseline));
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"Time to first byte of a one-patient pull: {row.Ours.P50Ms:0.00} ms p50, {row.Ours.P90Ms:0.00} ms p90, {row.Ours.P99Ms:0.00} ms p99 (target ≤ 10 ms p50); ")
            + "it includes the token and transfer lookups, the agreement check with its use count committed to disk, the patient's consent decision and the first page read.");
        return row;
    }

    /// <summary>Case (d): a million resources in one request, with the process's working set sampled while they stream.</summary>
    private static async Task<BenchmarkRow> MeasureMillionAsync(
        BenchmarkContext context, HttpClient http, RunningConnector provider, IFhirStore store, Edr edr, string everyone, int extraPerPatient, int size,
        CancellationToken cancellationToken)
    {
        context.Progress($"adding {extraPerPatient:N0} Observations per patient by SQL, for a pull of {size:N0}");
        await SeedBySqlAsync(provider.Services.GetRequiredService<ConnectorDatabase>(), extraPerPatient, cancellationToken);
        var samples = context.Plan.Samples < MeasurementPlan.Full.Samples ? 1 : 3;
        context.Progress($"pull of {size:N0} Observations in one request and the raw store read, {samples} sample(s) each");
        using var process = Process.GetCurrentProcess();
        long WorkingSet()
        {
            process.Refresh();
            return process.WorkingSet64;
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = WorkingSet();
        var peak = before;
        var checkpoints = new SortedDictionary<long, long>();
        var ours = new List<double>();
        var raw = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            raw.Add(await TimedAsync(async () =>
            {
                long count = 0;
                await foreach (var resource in store.StreamAsync("Observation", StreamFilter.None, cancellationToken))
                    count += resource.Json!.Length > 0 ? 1 : 0;
                return count;
            }, size));
            GC.Collect();
            using var sampling = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!sampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, WorkingSet());
                    try
                    {
                        await Task.Delay(20, sampling.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }, CancellationToken.None);
            var next = size / 10L;
            ours.Add(await TimedAsync(() => PullAsync(http, edr.Url("Observation", everyone), edr.Token, lines =>
            {
                if (lines < next)
                    return;
                // Every tenth of the way: the working set must not grow with the lines already streamed.
                checkpoints[next] = Math.Max(checkpoints.GetValueOrDefault(next), WorkingSet());
                next += size / 10L;
            }, cancellationToken), size));
            await sampling.CancelAsync();
            await sampler;
        }
        var row = new BenchmarkRow($"pull {size:N0} Observations of {Patients} patients, one request (per resource)",
            Measurement.FromSamples(ours, size), "raw store read (IFhirStore.StreamAsync)", Measurement.FromSamples(raw, size));
        const double MiB = 1024 * 1024;
        var tenths = string.Join(", ", checkpoints.Values.Select(v => (v / MiB).ToString("N0", CultureInfo.InvariantCulture)));
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"{size:N0} resources in one pull: {1000 / row.Ours.P50Ms:N0} resources/s at p50; working set (both connectors and the client in this process) {before / MiB:N0} MiB before, peak {peak / MiB:N0} MiB while streaming (sampled every 20 ms), at each tenth of the lines: {tenths} MiB; process peak over the whole run (loading included) {process.PeakWorkingSet64 / MiB:N0} MiB."));
        context.Note($"The {Patients * extraPerPatient:N0} Observations beyond the first pull's were written straight into the store's tables by SQL "
            + "(resource rows and the patient and subject reference entries the pull searches), not through the write path `fhir-store` measures.");
        return row;
    }

    /// <summary>Runs <paramref name="pass"/> (which returns how many resources it read) and gives milliseconds per resource; fails on a wrong count.</summary>
    private static async Task<double> TimedAsync(Func<Task<long>> pass, int expected)
    {
        var started = Stopwatch.GetTimestamp();
        var count = await pass();
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (count != expected)
            throw new InvalidOperationException($"read {count:N0} resources, expected {expected:N0}");
        return elapsed / count;
    }

    /// <summary>Pulls <paramref name="url"/> with the EDR token and counts the NDJSON lines, reading the body as a consumer would.</summary>
    private static async Task<long> PullAsync(HttpClient http, Uri url, string token, Action<long>? progress, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the data plane answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long lines = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                progress?.Invoke(lines);
            }
            return lines;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Milliseconds from sending the request to reading the first byte of the body; the rest is read untimed.</summary>
    private static async Task<double> FirstByteAsync(HttpClient http, Uri url, string? token, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var started = Stopwatch.GetTimestamp();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null)
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var first = await body.ReadAsync(buffer, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode || first == 0)
                throw new InvalidOperationException($"{url.AbsolutePath} answered {(int)response.StatusCode} with {first} bytes first");
            while (await body.ReadAsync(buffer, cancellationToken) > 0)
            {
                // Drained untimed, so the connection is reused.
            }
            return elapsed;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A consumer's EDR: the data plane's endpoint and its bearer token.</summary>
    private sealed record Edr(Uri Endpoint, string Token)
    {
        public Uri Url(string resourceType, string patients) => new($"{Endpoint.ToString().TrimEnd('/')}/{resourceType}?patient={patients}");
    }

    /// <summary>Negotiates <paramref name="assetId"/>'s offer as the consumer, requests a FHIR-PULL and waits for its EDR.</summary>
    private static async Task<Edr> StartedTransferAsync(RunningConnector consumer, RunningConnector provider, string assetId, CancellationToken cancellationToken)
    {
        var dsp = consumer.Services.GetRequiredService<DspClient>();
        var negotiations = consumer.Services.GetRequiredService<NegotiationStore>();
        JsonObject offer;
        using (var response = await dsp.RequestCatalogAsync(provider.Identity.Did, cancellationToken))
        {
            response.EnsureSuccessStatusCode();
            var catalog = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            var dataset = catalog["dataset"]!.AsArray().Select(d => d!.AsObject()).Single(d => d["@id"]!.GetValue<string>().EndsWith(assetId, StringComparison.Ordinal));
            offer = dataset["hasPolicy"]![0]!.DeepClone().AsObject();
            offer["target"] = dataset["@id"]!.GetValue<string>();
        }
        var started = await consumer.Services.GetRequiredService<NegotiationActions>().RequestAsync(provider.Identity.Did, offer, cancellationToken);
        var negotiation = await UntilAsync(async () => await negotiations.FindAsync(started.Id, cancellationToken) is { State: NegotiationState.Finalized } done ? done : null,
            $"the {assetId} negotiation to be FINALIZED", cancellationToken);
        var agreementId = negotiation.Agreement!["@id"]!.GetValue<string>();
        await UntilAsync(() => provider.Services.GetRequiredService<NegotiationStore>().FindAgreementAsync(agreementId, cancellationToken), "the provider's agreement", cancellationToken);
        var agreement = (await negotiations.FindAgreementAsync(agreementId, cancellationToken))!;
        var transfer = await consumer.Services.GetRequiredService<TransferActions>().RequestAsync(agreement, TransferFormats.FhirPull, null, cancellationToken);
        var transfers = consumer.Services.GetRequiredService<TransferStore>();
        var address = await UntilAsync(async () => await transfers.FindAsync(transfer.Id, cancellationToken) is { State: TransferState.Started, DataAddress: { } found } ? found : null,
            "the transfer to be STARTED with an EDR", cancellationToken);
        return new Edr(new Uri(address["endpoint"]!.GetValue<string>()), DataAddress.Property(address, "authorization")!);
    }

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what, CancellationToken cancellationToken) where T : class
    {
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < Wait)
        {
            if (await probe() is { } found)
                return found;
            await Task.Delay(20, cancellationToken);
        }
        throw new TimeoutException($"waited {Wait.TotalSeconds:0} s for {what}");
    }

    private static string PatientId(int patient) => "bench-" + patient.ToString(CultureInfo.InvariantCulture);

    private static string ObservationId(int patient, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"bench-{patient}-{index}");

    private static DateTimeOffset Effective(int index) => new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(index);

    private static Observation HeartRate(int patient, int index) => new()
    {
        Id = ObservationId(patient, index),
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
        Subject = new ResourceReference("Patient/" + PatientId(patient)),
        Effective = new FhirDateTime(Effective(index)),
        Value = new Quantity(60 + index % 40, "/min") { System = "http://unitsofmeasure.org", Code = "/min" },
    };

    /// <summary>Observations through the store's write path (indexed, versioned), 1,000 per transaction, and a Consent per patient through the Consent API's service.</summary>
    private static async Task SeedAsync(RunningConnector provider, int perPatient, CancellationToken cancellationToken)
    {
        var store = provider.Services.GetRequiredService<IFhirStore>();
        var all = Enumerable.Range(0, Patients).SelectMany(p => Enumerable.Range(0, perPatient).Select(i => (p, i))).ToList();
        foreach (var chunk in all.Chunk(Batch))
        {
            await using var transaction = await store.BeginWriteAsync(cancellationToken);
            foreach (var (patient, index) in chunk)
                await transaction.SaveAsync(HeartRate(patient, index), null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var resources = provider.Services.GetRequiredService<FhirResourceService>();
        for (var patient = 0; patient < Patients; patient++)
        {
            var consent = new Consent
            {
                Id = "consent-" + PatientId(patient),
                Status = Consent.ConsentState.Active,
                Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
                Category = [new CodeableConcept("http://loinc.org", "59284-0")],
                Patient = new ResourceReference("Patient/" + PatientId(patient)),
                DateTime = "2024-01-15",
                Policy = [new Consent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
                Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit, Purpose = [new Coding(Hl7, "TREAT"), new Coding(Hl7, "HRESCH")] },
            };
            await resources.UpdateAsync("Consent", consent.Id, consent, null, cancellationToken);
        }
    }

    /// <summary>
    /// More Observations for the same patients written straight into the store's tables: resource rows with the patient and
    /// subject reference entries the pull searches by. The write path would take minutes for a million; it is `fhir-store`'s to measure.
    /// </summary>
    private static async Task SeedBySqlAsync(ConnectorDatabase database, int perPatient, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        long rid;
        await using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT COALESCE(MAX(rid), 0) FROM fhir_resources";
            rid = Convert.ToInt64(await max.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }
        var now = DateTimeOffset.UtcNow;
        const int PerTransaction = 50_000;
        var rows = Enumerable.Range(0, Patients).SelectMany(p => Enumerable.Range(SqlIdOffset, perPatient).Select(i => (p, i)));
        foreach (var chunk in rows.Chunk(PerTransaction))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var resource = Command(connection, transaction,
                "INSERT INTO fhir_resources (rid, resource_type, id, version, last_updated, deleted, patient, sort_date, resource) VALUES (@rid, 'Observation', @id, 1, @updated, 0, @patient, @sort, @json)",
                "rid", "id", "updated", "patient", "sort", "json");
            await using var reference = Command(connection, transaction,
                "INSERT INTO fhir_references (rid, param, target_type, target_id) VALUES (@rid, 'patient', 'Patient', @patient), (@rid, 'subject', 'Patient', @patient)",
                "rid", "patient");
            foreach (var (patient, index) in chunk)
            {
                rid++;
                var observation = HeartRate(patient, index);
                observation.Meta = new Meta { VersionId = "1", LastUpdatedElement = new Instant(now) };
                resource.Parameters["@rid"].Value = rid;
                resource.Parameters["@id"].Value = observation.Id;
                resource.Parameters["@updated"].Value = now.UtcTicks;
                resource.Parameters["@patient"].Value = PatientId(patient);
                resource.Parameters["@sort"].Value = Effective(index).UtcTicks;
                resource.Parameters["@json"].Value = FhirJson.Serialize(observation);
                await resource.ExecuteNonQueryAsync(cancellationToken);
                reference.Parameters["@rid"].Value = rid;
                reference.Parameters["@patient"].Value = PatientId(patient);
                await reference.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + name;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        return command;
    }

    /// <summary>Two datasets of the same store: one offered for treatment, one for research under the pseudonymisation duty.</summary>
    private static async Task SeedCatalogAsync(RunningConnector provider, CancellationToken cancellationToken)
    {
        var stores = provider.Services.GetRequiredService<CatalogStores>();
        using var treatment = JsonDocument.Parse($$"""
            { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:bench:treatment",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "purpose", "operator": "isA", "rightOperand": { "@id": "{{Hl7}}#TREAT" } }] }] }
            """);
        using var research = JsonDocument.Parse($$"""
            { "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:bench:research",
              "permission": [{ "action": "use", "constraint": [{ "leftOperand": "purpose", "operator": "eq", "rightOperand": { "@id": "{{Hl7}}#HRESCH" } }],
                               "duty": [{ "action": { "@id": "urn:dataspace:policy:pseudonymise" } }] }] }
            """);
        using var access = JsonDocument.Parse("""{ "@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Set", "uid": "urn:bench:access", "permission": [{ "action": "use" }] }""");
        await stores.Policies.InsertAsync("treatment", new PolicyDefinition("treatment", treatment.RootElement.Clone()), cancellationToken);
        await stores.Policies.InsertAsync("research", new PolicyDefinition("research", research.RootElement.Clone()), cancellationToken);
        await stores.Policies.InsertAsync("access", new PolicyDefinition("access", access.RootElement.Clone()), cancellationToken);
        foreach (var (asset, policy) in new[] { (TreatmentAsset, "treatment"), (ResearchAsset, "research") })
        {
            await stores.ContractDefinitions.InsertAsync(asset, new ContractDefinitionDocument(asset, "access", policy, [new AssetCriterion("id", "=", [asset])]), cancellationToken);
            await stores.Assets.InsertAsync(asset, new Asset(asset, new DatasetDescription
            {
                Title = "Vital signs cohort",
                Description = "Heart-rate observations of a cardiology cohort, FHIR R4.",
                Keywords = ["vital signs"],
                Publisher = "https://hospital.example",
                HealthCategories = ["EHR"],
                Countries = ["LU"],
                TransferTypes = [TransferFormats.FhirPull],
            }, new Dataspace.Catalog.Assets.DataAddress("FhirStore", new Dictionary<string, string>())), cancellationToken);
        }
    }
}
