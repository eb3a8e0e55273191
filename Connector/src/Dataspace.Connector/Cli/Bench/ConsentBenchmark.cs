using System.Globalization;
using System.Security.Cryptography;
using Dataspace.ConsentLedger.Consent;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>consent</c>: one FHIR Consent decision for a patient with three Consents, one case per outcome, against a SHA-256 yardstick measured in the same run.</summary>
public sealed class ConsentBenchmark : IBenchmark
{
    private const string Yardstick = "SHA-256 of 64 bytes";
    private const double TargetMicroseconds = 5;
    private const int AllocationSampleSize = 10_000;

    /// <inheritdoc />
    public string Name => "consent";

    /// <inheritdoc />
    public string Description =>
        "One consent decision (Dataspace.ConsentLedger `ConsentDecider.Decide`, in process, one thread) for a patient with three compiled FHIR R4 Consents "
        + "(a treatment opt-in with a nested deny on DocumentReference, a newer research opt-out, and a newest two-year monitoring share with a partner hospital "
        + "for Observations), one request per outcome; baseline: SHA-256 of 64 bytes, a machine yardstick, so the ratio is the fraction of a decision one such hash takes. "
        + "Target ≤ 5 µs p50.";

    /// <inheritdoc />
    public Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var consents = ConsentBenchmarkInputs.Compile();
        var plan = context.Plan;
        var cases = new (string Name, AccessRequest Request, ConsentOutcome Outcome)[]
        {
            ("permit: partner hospital, Observations, treatment", ConsentBenchmarkInputs.Permit, ConsentOutcome.Permit),
            ("deny: research institute, research", ConsentBenchmarkInputs.Deny, ConsentOutcome.Deny),
            ("permit with filters: other hospital, all data, treatment", ConsentBenchmarkInputs.PermitWithFilters, ConsentOutcome.PermitWithFilters),
        };

        var input = new byte[64];
        var digest = new byte[SHA256.HashSizeInBytes];

        var rows = new List<BenchmarkRow>();
        foreach (var (name, request, outcome) in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A benchmark of the wrong branch would mislead, so each request must get the outcome its case names.
            var decision = ConsentDecider.Decide(consents, request, ImplicitConsentPolicy.DenyAll);
            if (decision.Outcome != outcome)
            {
                throw new InvalidOperationException($"The benchmark case '{name}' was expected to give {outcome}: {decision.Explanation}");
            }

            // The yardstick is timed next to each case, so both see the same load on a shared machine.
            context.Progress(Yardstick);
            var yardstick = Measurement.Run(() => SHA256.HashData(input, digest), plan);
            context.Progress(name);
            void Decide() => ConsentDecider.Decide(consents, request, ImplicitConsentPolicy.DenyAll);
            var measurement = Measurement.Run(Decide, plan);
            rows.Add(new BenchmarkRow(name, measurement, Yardstick, yardstick));
            var microseconds = measurement.P50Ms * 1000;
            context.Note(string.Create(CultureInfo.InvariantCulture,
                $"{name}: p50 {microseconds:0.00} µs ({(microseconds <= TargetMicroseconds ? "within" : "over")} the ≤ {TargetMicroseconds} µs target), "
                + $"{1000 / measurement.P50Ms:#,0} decisions/s/core at p50 ({measurement.OperationsPerSecond:#,0} at the mean), "
                + $"{AllocatedBytesPerCall(Decide):#,0} bytes allocated per decision, the time of {measurement.P50Ms / yardstick.P50Ms:0.0} yardstick hashes."));
        }

        context.Note("The Consents are parsed with Firely and compiled once (ConsentCompiler.Compile), so each decision compares only plain values; neither step is timed. Each decision includes its explanation text and residual filters.");
        context.Note("decisions/s/core is one thread's rate: 1 / p50, and beside it the harness's ops/s at the mean, which also carries garbage collections and any time "
            + "the thread was descheduled (see the load average on the machine line).");
        context.Note("Allocated bytes: GC.GetAllocatedBytesForCurrentThread around a batch, divided by its size.");
        return Task.FromResult<IReadOnlyList<BenchmarkRow>>(rows);
    }

    private static double AllocatedBytesPerCall(Action operation)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < AllocationSampleSize; i++)
        {
            operation();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / (double)AllocationSampleSize;
    }
}
