namespace Dataspace.Connector.Cli.Bench;

/// <summary>How long to measure: warm-up runs, timed samples, and the shortest duration of a sample (fast operations are repeated within one sample so timer resolution does not matter).</summary>
public sealed record MeasurementPlan(int Warmup, int Samples, TimeSpan MinSampleTime)
{
    /// <summary>For published figures.</summary>
    public static MeasurementPlan Full { get; } = new(Warmup: 5, Samples: 30, MinSampleTime: TimeSpan.FromMilliseconds(20)) { MinWarmupTime = TimeSpan.FromMilliseconds(500) };

    /// <summary>For a smoke run (<c>--quick</c>); figures are indicative only.</summary>
    public static MeasurementPlan Quick { get; } = new(Warmup: 3, Samples: 8, MinSampleTime: TimeSpan.FromMilliseconds(5)) { MinWarmupTime = TimeSpan.FromMilliseconds(100) };

    /// <summary>The warm-up also lasts at least this long, so a microsecond operation runs often enough for tiered JIT compilation to optimise it before timing starts.</summary>
    public TimeSpan MinWarmupTime { get; init; }

    /// <summary>Operations per sample for an operation estimated to take <paramref name="estimatedMilliseconds"/>.</summary>
    public int BatchSize(double estimatedMilliseconds) =>
        estimatedMilliseconds <= 0 ? 1 : (int)Math.Clamp(Math.Ceiling(MinSampleTime.TotalMilliseconds / estimatedMilliseconds), 1, 1_000_000);
}
