using Dataspace.Connector.Cli.Bench;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>The statistics behind <c>dataspace bench</c> (no benchmark runs here: benchmarks never run inside dotnet test).</summary>
public sealed class BenchmarkMeasurementTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_per_operation()
    {
        var measurement = Measurement.FromSamples(Enumerable.Range(1, 100).Select(i => (double)i).Reverse(), operationsPerSample: 4);

        Assert.Equal(100, measurement.Samples);
        Assert.Equal(4, measurement.OperationsPerSample);
        Assert.Equal(50, measurement.P50Ms);
        Assert.Equal(90, measurement.P90Ms);
        Assert.Equal(99, measurement.P99Ms);
        Assert.Equal(50.5, measurement.MeanMs);
        Assert.Equal(1000 / 50.5, measurement.OperationsPerSecond, precision: 9);
    }

    [Fact]
    public void A_single_sample_is_every_percentile_and_no_sample_is_an_error()
    {
        var measurement = Measurement.FromSamples([2.5]);

        Assert.Equal(2.5, measurement.P50Ms);
        Assert.Equal(2.5, measurement.P99Ms);
        Assert.Throws<ArgumentException>(() => Measurement.FromSamples([]));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(50, 1)]
    [InlineData(20, 1)]
    [InlineData(0.5, 40)]
    [InlineData(0.0001, 200_000)]
    public void Fast_operations_are_batched_to_fill_a_sample(double estimatedMilliseconds, int expectedBatch)
    {
        var plan = new MeasurementPlan(Warmup: 1, Samples: 1, MinSampleTime: TimeSpan.FromMilliseconds(20));

        Assert.Equal(expectedBatch, plan.BatchSize(estimatedMilliseconds));
    }

    [Fact]
    public void Run_warms_up_then_times_every_sample()
    {
        var calls = 0;
        var plan = new MeasurementPlan(Warmup: 3, Samples: 5, MinSampleTime: TimeSpan.Zero);

        var measurement = Measurement.Run(() => calls++, plan);

        Assert.Equal(5, measurement.Samples);
        Assert.Equal(3 + 5 * measurement.OperationsPerSample, calls);
    }

    [Fact]
    public void The_warm_up_lasts_at_least_its_minimum_time()
    {
        var calls = 0;
        var plan = new MeasurementPlan(Warmup: 0, Samples: 1, MinSampleTime: TimeSpan.Zero) { MinWarmupTime = TimeSpan.FromMilliseconds(20) };

        var measurement = Measurement.Run(() => calls++, plan);

        // 20 ms of a trivial operation is far more than the single timed one.
        Assert.True(calls - measurement.OperationsPerSample > 100, $"only {calls} calls");
    }

    [Fact]
    public void Ratio_is_baseline_over_ours()
    {
        var row = new BenchmarkRow("case", Measurement.FromSamples([2.0]), "other", Measurement.FromSamples([10.0]));

        Assert.Equal(5.0, row.Ratio);
        Assert.Null(new BenchmarkRow("case", Measurement.FromSamples([2.0])).Ratio);
    }

    [Fact]
    public void Benchmarks_are_found_by_reflection_with_unique_names()
    {
        var names = BenchmarkRegistry.All().Select(b => b.Name).ToList();

        Assert.Contains("jsonld", names);
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
    }
}
