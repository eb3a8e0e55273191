using System.Diagnostics;

namespace Dataspace.Connector.Cli.Bench;

/// <summary>Timing statistics of one operation, per operation: p50, p90, p99 (nearest rank) and mean over the timed samples.</summary>
/// <param name="Samples">Number of timed samples.</param>
/// <param name="OperationsPerSample">How many operations each sample ran (its time is divided by this).</param>
/// <param name="P50Ms">Median milliseconds per operation.</param>
/// <param name="P90Ms">90th percentile milliseconds per operation.</param>
/// <param name="P99Ms">99th percentile milliseconds per operation.</param>
/// <param name="MeanMs">Mean milliseconds per operation.</param>
public sealed record Measurement(int Samples, int OperationsPerSample, double P50Ms, double P90Ms, double P99Ms, double MeanMs)
{
    /// <summary>Operations per second at the mean.</summary>
    public double OperationsPerSecond => 1000 / MeanMs;

    /// <summary>Statistics of samples already taken (in milliseconds per operation), e.g. by a baseline in another runtime.</summary>
    public static Measurement FromSamples(IEnumerable<double> millisecondsPerOperation, int operationsPerSample = 1)
    {
        var sorted = millisecondsPerOperation.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("at least one sample is needed", nameof(millisecondsPerOperation));
        }

        return new Measurement(sorted.Length, operationsPerSample, Percentile(sorted, 0.50), Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted.Average());
    }

    /// <summary>Warms <paramref name="operation"/> up (at least <see cref="MeasurementPlan.Warmup"/> runs and <see cref="MeasurementPlan.MinWarmupTime"/>), sizes batches from the warm-up time, then times <see cref="MeasurementPlan.Samples"/> batches.</summary>
    public static Measurement Run(Action operation, MeasurementPlan plan)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(plan);
        // The warm-up lets the JIT reach optimised code and caches fill; its duration estimates the cost of one operation.
        var warmupStart = Stopwatch.GetTimestamp();
        var warmups = 0;
        while (warmups < plan.Warmup || Stopwatch.GetElapsedTime(warmupStart) < plan.MinWarmupTime)
        {
            operation();
            warmups++;
        }

        var estimate = warmups > 0 ? Stopwatch.GetElapsedTime(warmupStart).TotalMilliseconds / warmups : 0;
        var batch = plan.BatchSize(estimate);
        var samples = new double[plan.Samples];
        for (var sample = 0; sample < samples.Length; sample++)
        {
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < batch; i++)
            {
                operation();
            }

            samples[sample] = Stopwatch.GetElapsedTime(start).TotalMilliseconds / batch;
        }

        return FromSamples(samples, batch);
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}
