using System.Collections.Frozen;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Lint;

/// <summary>What the linter needs beyond the policy: the operand registry, the clock, and which assets are personal health data.</summary>
public sealed record LintContext
{
    /// <summary>No clock and no PHI: time and health-data checks are skipped.</summary>
    public static LintContext Default { get; } = new();

    /// <summary>The registry the policy will be compiled against; unknown left operands are errors.</summary>
    public OperandRegistry Registry { get; init; } = OperandRegistry.Default;

    /// <summary>The current time, for dates in the past; null skips the time checks so linting stays pure.</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Asset IRIs that hold personal health data.</summary>
    public IReadOnlySet<string> PhiTargets { get; init; } = FrozenSet<string>.Empty;

    /// <summary>True when the policy is bound to PHI assets (e.g. by a contract definition), so rules without their own target govern PHI.</summary>
    public bool AppliesToPhi { get; init; }
}
