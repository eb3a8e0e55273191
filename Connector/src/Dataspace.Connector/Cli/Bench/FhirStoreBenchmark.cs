using System.Data;
using System.Diagnostics;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Storage;
using Hl7.Fhir.Model;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>fhir-store</c>: raw read throughput of the FHIR store, the baseline the data plane's pull rate is judged against.</summary>
public sealed class FhirStoreBenchmark : IBenchmark
{
    private const int Batch = 1000;

    /// <inheritdoc />
    public string Name => "fhir-store";

    /// <inheritdoc />
    public string Description =>
        "FHIR store on SQLite (WAL, synchronous=FULL) holding 100k vital-sign Observations: streaming every Observation through the store "
        + "(IFhirStore.StreamAsync, what Bulk Data export and the data plane read) against a bare SQL reader over the same JSON column; "
        + "the store rate is the 'raw store read rate' of the data plane's budget. Loading (indexed, versioned, 1000 per transaction) is shown without a baseline.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quick = context.Plan.Samples < MeasurementPlan.Full.Samples;
        var size = quick ? 20_000 : 100_000;
        var folder = Path.Combine(Path.GetTempPath(), "dataspace-bench-fhir-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        try
        {
            var database = new SqliteDatabase(Path.Combine(folder, "connector.db"));
            await Migrator.MigrateAsync(database, Migrations.All, cancellationToken);
            var store = new SqlFhirStore(database, TimeProvider.System);

            context.Progress($"loading {size:N0} Observations, {Batch:N0} per transaction");
            var loadSamples = new List<double>();
            for (var start = 0; start < size; start += Batch)
            {
                var started = Stopwatch.GetTimestamp();
                await using (var transaction = await store.BeginWriteAsync(cancellationToken))
                {
                    for (var i = start; i < start + Batch; i++)
                        await transaction.SaveAsync(HeartRate(i), null, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                loadSamples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / Batch);
            }

            context.Progress($"streaming {size:N0} Observations through the store and through a bare reader");
            var viaStore = await MeasurePassesAsync(context.Plan, size, async () =>
            {
                var count = 0;
                await foreach (var resource in store.StreamAsync("Observation", StreamFilter.None, cancellationToken))
                    count += resource.Json!.Length > 0 ? 1 : 0;
                return count;
            });
            var bare = await MeasurePassesAsync(context.Plan, size, () => ReadBareAsync(database, cancellationToken));
            context.Note($"fhir-store: {size:N0} Observations of about {(await store.ReadAsync("Observation", Id(0), cancellationToken))!.Json!.Length} bytes of JSON each.");
            return
            [
                new BenchmarkRow($"load, indexed and versioned ({size:N0}, {Batch:N0} per transaction)", Measurement.FromSamples(loadSamples, Batch)),
                new BenchmarkRow($"stream {size:N0} Observations (per resource)", viaStore, "bare SQL reader", bare),
            ];
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Measurement> MeasurePassesAsync(MeasurementPlan plan, int size, Func<Task<int>> pass)
    {
        for (var i = 0; i < Math.Max(1, plan.Warmup / 2); i++)
            await pass();
        var samples = new List<double>();
        for (var i = 0; i < Math.Max(3, plan.Samples / 3); i++)
        {
            var started = Stopwatch.GetTimestamp();
            var count = await pass();
            if (count != size)
                throw new InvalidOperationException($"read {count} resources, expected {size}");
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / size);
        }
        return Measurement.FromSamples(samples, size);
    }

    private static async Task<int> ReadBareAsync(ConnectorDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT resource FROM fhir_resources WHERE resource_type = 'Observation' AND deleted = 0 ORDER BY rid";
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var count = 0;
        while (await reader.ReadAsync(cancellationToken))
            count += reader.GetString(0).Length > 0 ? 1 : 0;
        return count;
    }

    private static string Id(int i) => "bench-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Observation HeartRate(int i) => new()
    {
        Id = Id(i),
        Status = ObservationStatus.Final,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs")],
        Code = new CodeableConcept("http://loinc.org", "8867-4", "Heart rate"),
        Subject = new ResourceReference("Patient/bench-patient-" + (i % 1000).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Effective = new FhirDateTime(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i)),
        Value = new Quantity(60 + i % 40, "/min") { System = "http://unitsofmeasure.org", Code = "/min" },
    };
}
