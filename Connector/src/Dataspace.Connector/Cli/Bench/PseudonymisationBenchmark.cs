using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dataspace.ConsentLedger.Pseudonymisation;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Serialization;
using FhirBundle = Hl7.Fhir.Model.Bundle;
using FhirObservation = Hl7.Fhir.Model.Observation;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>pseudonymisation</c>: one Synthea Observation through the research-trends profile, against serialising the same Observation with Firely in the same run.</summary>
public sealed class PseudonymisationBenchmark : IBenchmark
{
    private const string Profile = "research-trends";
    private const string SyntheaPatient = "Agustin_Fonseca_cb5696d9-a0de-4f49-94f9-433f96a28eb0.json";
    private const string Baseline = "Firely serialise, same Observation";

    /// <inheritdoc />
    public string Name => "pseudonymisation";

    /// <inheritdoc />
    public string Description =>
        $"One Synthea Observation through `Pseudonymiser.Apply` (Dataspace.ConsentLedger, built-in `{Profile}` profile: allowlist copy, keyed HMAC pseudonyms for id and subject, "
        + "per-patient date shift, security label) on one thread; baseline: serialising the same Observation to UTF-8 JSON with Firely (`FhirJson.Write`, as the data plane "
        + "streams it), so the ratio is serialisation time over pseudonymisation time (below 1: pseudonymising costs more than serialising).";

    /// <inheritdoc />
    public Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var repository = context.RepositoryRoot ?? throw new InvalidOperationException("The repository (Dataspace.sln) was not found, so neither was ../shared/testdata.");
        var path = Path.GetFullPath(Path.Combine(repository, "..", "shared", "testdata", "fhir-r4", "synthea", SyntheaPatient));
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Synthea test bundle is missing: expected it at {path}.", path);
        }

        var bundle = new FhirJsonDeserializer().Deserialize<FhirBundle>(File.ReadAllText(path));
        var references = BundleReferences.Of(bundle);
        var observations = bundle.Entry.Select(e => e.Resource).OfType<FhirObservation>().ToList();
        var cases = new (string Name, FhirObservation Observation)[]
        {
            ("body height (vital sign)", observations.First(o => HasLoinc(o, "8302-2"))),
            ("blood pressure (2 components)", observations.First(o => HasLoinc(o, "55284-4"))),
        };
        // One key per agreement, as the data plane holds it; derived from a fixed name so runs are repeatable.
        var pseudonymiser = new Pseudonymiser(
            PseudonymisationProfile.BuiltIn(Profile),
            new PseudonymisationKey(SHA256.HashData(Encoding.UTF8.GetBytes("bench-agreement"))),
            new DateOnly(2026, 11, 30));
        var plan = context.Plan;
        var buffer = new ArrayBufferWriter<byte>(4096);
        using var writer = new Utf8JsonWriter(buffer, FhirJson.Writer);

        var rows = new List<BenchmarkRow>();
        foreach (var (name, observation) in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var output = pseudonymiser.Apply(observation, references) ?? throw new InvalidOperationException($"The {Profile} profile does not allow Observation.");
            context.Progress($"{name}: pseudonymise");
            var ours = Measurement.Run(() => pseudonymiser.Apply(observation, references), plan);
            context.Progress($"{name}: serialise");
            var serialise = Measurement.Run(
                () =>
                {
                    buffer.ResetWrittenCount();
                    writer.Reset();
                    FhirJson.Write(observation, writer);
                    writer.Flush();
                },
                plan);
            rows.Add(new BenchmarkRow(name, ours, Baseline, serialise));
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"{name}: {Encoding.UTF8.GetByteCount(FhirJson.Serialize(observation)):#,0} bytes of JSON in, {Encoding.UTF8.GetByteCount(FhirJson.Serialize(output)):#,0} out; "
                + $"{1000 / ours.P50Ms:#,0} resources/s pseudonymised at p50 ({ours.OperationsPerSecond:#,0} at the mean), {1000 / serialise.P50Ms:#,0} serialised "
                + $"({serialise.OperationsPerSecond:#,0}), on one thread; "
                + $"pseudonymising costs {ours.P50Ms / serialise.P50Ms:0.0} × serialising."));
        }

        context.Note($"Input: the Observations of Synthea patient {SyntheaPatient} in ../shared/testdata/fhir-r4/synthea, parsed once (not timed); their subject is a urn:uuid fullUrl, resolved through BundleReferences as when a whole bundle is pseudonymised.");
        context.Note("A pseudonymised transfer pays both: Apply builds a new Observation, which is then serialised like any other.");
        return Task.FromResult<IReadOnlyList<BenchmarkRow>>(rows);
    }

    private static bool HasLoinc(FhirObservation observation, string code) =>
        observation.Code?.Coding.Any(c => c.System == "http://loinc.org" && c.Code == code) == true;
}
