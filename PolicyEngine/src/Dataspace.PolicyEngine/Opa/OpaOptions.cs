namespace Dataspace.PolicyEngine.Opa;

/// <summary>Where OPA is and how long to wait for it; settable so the host can bind it from configuration.</summary>
public sealed class OpaOptions
{
    /// <summary>OPA's base address, e.g. <c>http://opa:8181/</c>.</summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:8181/");

    /// <summary>The document to query under <c>/v1/data/</c>, slash-separated (the Rego package path plus the rule name).</summary>
    public string DecisionPath { get; set; } = "dataspace/health/decision";

    /// <summary>How long one query may take; past this the request is denied. Data requests wait on this, so keep it short.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed queries within <see cref="SamplingDuration"/>, with no success among them, that open the circuit (at least 2).</summary>
    public int FailureThreshold { get; set; } = 5;

    /// <summary>The window in which failures are counted (at least 0.5 s).</summary>
    public TimeSpan SamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit denies without calling OPA before one trial query is let through (at least 0.5 s).</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);
}
