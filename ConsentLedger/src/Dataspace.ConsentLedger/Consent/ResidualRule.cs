using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// One provision that applied to the request, kept for filtering data: the effect holds for data inside every scope of
/// <see cref="Scopes"/> (the provision's own and its ancestors'). Deeper rules override shallower ones; at equal depth permit wins.
/// </summary>
public sealed record ResidualRule(ConsentEffect Effect, int Depth, string Path, ImmutableArray<DataScope> Scopes)
{
    /// <summary>True when <paramref name="item"/> lies in every scope; an undated item counts as inside a deny rule's dataPeriod.</summary>
    public bool Contains(DataItem item)
    {
        foreach (var scope in Scopes)
        {
            if (!scope.Contains(item, undatedMatches: Effect == ConsentEffect.Deny))
            {
                return false;
            }
        }

        return true;
    }

    internal bool Covers(AccessRequest request)
    {
        foreach (var scope in Scopes)
        {
            if (!scope.Covers(request))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The deepest rule holding all requested data (a permit among equals), or null when no rule does.</summary>
    internal static ResidualRule? DeepestCovering(List<ResidualRule> rules, AccessRequest request)
    {
        ResidualRule? cover = null;
        foreach (var rule in rules)
        {
            if (rule.Covers(request) && (cover is null || rule.Depth > cover.Depth || (rule.Depth == cover.Depth && rule.Effect == ConsentEffect.Permit)))
            {
                cover = rule;
            }
        }

        return cover;
    }
}
