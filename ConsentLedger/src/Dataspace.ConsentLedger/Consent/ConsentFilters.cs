using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// The residual filters of a permit-with-filters decision. <see cref="Allows"/> is the exact test for one resource and must
/// be applied to every result. The flat lists only ever over-approximate what is visible, so they are safe for narrowing
/// the store query beforehand; a multi-criteria exception (say "Observations from 2015") appears in <see cref="Rules"/> only.
/// </summary>
public sealed record ConsentFilters
{
    /// <summary>No filtering: everything requested is visible.</summary>
    public static ConsentFilters None { get; } = new() { Otherwise = ConsentEffect.Permit };

    /// <summary>Nothing is visible.</summary>
    public static ConsentFilters Nothing { get; } = new() { Otherwise = ConsentEffect.Deny };

    /// <summary>The effect for data no rule covers: the opposite of the root provision.</summary>
    public required ConsentEffect Otherwise { get; init; }

    /// <summary>The provisions that shape the visible data, deepest last.</summary>
    public ImmutableArray<ResidualRule> Rules { get; init; } = [];

    /// <summary>Resource types that may be visible; empty means no limit beyond the request.</summary>
    public ImmutableArray<string> VisibleResourceTypes { get; init; } = [];

    /// <summary>Resource types that are never visible.</summary>
    public ImmutableArray<string> ExcludedResourceTypes { get; init; } = [];

    /// <summary>Clinical periods data may come from; empty means no limit beyond the request.</summary>
    public ImmutableArray<TimeRange> AllowedDataPeriods { get; init; } = [];

    /// <summary>Resources (with how far each reference reaches) that are never visible.</summary>
    public ImmutableArray<DataReference> ExcludedDataReferences { get; init; } = [];

    /// <summary>Codes whose data is never visible.</summary>
    public ImmutableArray<CodeKey> ExcludedCodes { get; init; } = [];

    /// <summary>Security labels whose data is never visible.</summary>
    public ImmutableArray<CodeKey> ExcludedSecurityLabels { get; init; } = [];

    /// <summary>True when <paramref name="item"/> may be released: the deepest rule holding it decides, permit winning a tie.</summary>
    public bool Allows(DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var depth = -1;
        var permit = false;
        foreach (var rule in Rules)
        {
            if (rule.Depth < depth || !rule.Contains(item))
            {
                continue;
            }

            permit = (rule.Depth == depth && permit) || rule.Effect == ConsentEffect.Permit;
            depth = rule.Depth;
        }

        return depth < 0 ? Otherwise == ConsentEffect.Permit : permit;
    }
}
