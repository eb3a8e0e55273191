namespace Dataspace.Connector.Cli.Bench;

/// <summary>One measured case: our figures and, when there is one, the baseline measured in the same run.</summary>
/// <param name="Case">What was measured, e.g. "catalog-1000 expand".</param>
/// <param name="Ours">Our measurement.</param>
/// <param name="BaselineName">What the baseline is, e.g. "jsonld.js 9.0.0".</param>
/// <param name="Baseline">The baseline's measurement, or null when it could not run.</param>
public sealed record BenchmarkRow(string Case, Measurement Ours, string? BaselineName = null, Measurement? Baseline = null)
{
    /// <summary>Baseline p50 over our p50: above 1 means we are faster.</summary>
    public double? Ratio => Baseline is null ? null : Baseline.P50Ms / Ours.P50Ms;
}
