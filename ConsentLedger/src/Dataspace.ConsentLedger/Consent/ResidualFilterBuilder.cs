using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>Derives the flat, query-narrowing lists of <see cref="ConsentFilters"/> from the exact residual rules.</summary>
internal static class ResidualFilterBuilder
{
    public static ConsentFilters Build(List<ResidualRule> rules, ConsentEffect otherwise, AccessRequest request)
    {
        // Requested data all lies inside a covering rule, so shallower rules and the outside effect never reach it;
        // nor do its siblings when it permits, since permit wins ties.
        var cover = ResidualRule.DeepestCovering(rules, request);
        var baseline = cover?.Effect ?? otherwise;
        var relevant = cover is null
            ? rules
            : rules.FindAll(r => r.Depth > cover.Depth || (r.Depth == cover.Depth && cover.Effect == ConsentEffect.Deny && !ReferenceEquals(r, cover)));

        var excludedTypes = new HashSet<string>(StringComparer.Ordinal);
        var excludedCodes = new HashSet<CodeKey>();
        var excludedLabels = new HashSet<CodeKey>();
        var excludedData = new HashSet<DataReference>();
        var excludedPeriods = new List<TimeRange>();

        foreach (var rule in relevant)
        {
            // A deny flattens only when it limits one criterion and no permit at its depth or deeper can carve data back out of it.
            if (rule.Effect != ConsentEffect.Deny || relevant.Exists(r => r.Effect == ConsentEffect.Permit && r.Depth >= rule.Depth))
            {
                continue;
            }

            var restricting = RestrictingScopes(rule, request, out var dimension);
            if (restricting is null)
            {
                continue;
            }

            switch (dimension)
            {
                case ScopeDimension.Class when ResourceTypes(restricting) is { } types:
                    excludedTypes.UnionWith(types);
                    break;
                case ScopeDimension.Code when restricting.Count == 1:
                    excludedCodes.UnionWith(restricting[0].Codes);
                    break;
                case ScopeDimension.SecurityLabel when restricting.Count == 1:
                    excludedLabels.UnionWith(restricting[0].SecurityLabels);
                    break;
                case ScopeDimension.Data when restricting.Count == 1:
                    excludedData.UnionWith(restricting[0].Data);
                    break;
                case ScopeDimension.DataPeriod when Period(restricting) is { } period:
                    excludedPeriods.Add(period);
                    break;
            }
        }

        return new ConsentFilters
        {
            Otherwise = otherwise,
            Rules = [.. rules],
            VisibleResourceTypes = VisibleTypes(relevant, baseline, request, excludedTypes),
            ExcludedResourceTypes = [.. excludedTypes.Order(StringComparer.Ordinal)],
            AllowedDataPeriods = AllowedPeriods(relevant, baseline, request, excludedPeriods),
            ExcludedDataReferences = [.. excludedData],
            ExcludedCodes = [.. excludedCodes],
            ExcludedSecurityLabels = [.. excludedLabels],
        };
    }

    /// <summary>The scopes of the rule that limit the request, when they all limit the same single criterion.</summary>
    private static List<DataScope>? RestrictingScopes(ResidualRule rule, AccessRequest request, out ScopeDimension dimension)
    {
        dimension = default;
        List<DataScope>? found = null;
        var seen = false;
        foreach (var scope in rule.Scopes)
        {
            foreach (var candidate in Enum.GetValues<ScopeDimension>())
            {
                if (!scope.Restricts(candidate, request))
                {
                    continue;
                }

                if (seen && candidate != dimension)
                {
                    return null;
                }

                seen = true;
                dimension = candidate;
                (found ??= []).Add(scope);
            }
        }

        return found;
    }

    /// <summary>The resource types all the scopes share, or null when a scope names a class other than a resource type.</summary>
    private static HashSet<string>? ResourceTypes(List<DataScope> scopes)
    {
        HashSet<string>? types = null;
        foreach (var scope in scopes)
        {
            if (scope.Classes.Any(c => c.System != CodeSystems.ResourceTypes))
            {
                return null;
            }

            var own = scope.Classes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            if (types is null)
            {
                types = own;
            }
            else
            {
                types.IntersectWith(own);
            }
        }

        return types;
    }

    private static TimeRange? Period(List<DataScope> scopes)
    {
        TimeRange? period = TimeRange.Unbounded;
        foreach (var scope in scopes)
        {
            if (scope.DataPeriod is { } own)
            {
                period = period?.Intersect(own);
            }
        }

        return period;
    }

    private static ImmutableArray<string> VisibleTypes(List<ResidualRule> rules, ConsentEffect baseline, AccessRequest request, HashSet<string> excluded)
    {
        IEnumerable<string>? visible = request.ResourceTypes.IsEmpty ? null : request.ResourceTypes;
        if (baseline == ConsentEffect.Deny)
        {
            // Data outside every permit rule stays hidden, so the permit rules' types bound what can be seen.
            var union = new HashSet<string>(StringComparer.Ordinal);
            foreach (var rule in rules.Where(r => r.Effect == ConsentEffect.Permit))
            {
                var restricting = rule.Scopes.Where(s => s.Restricts(ScopeDimension.Class, request)).ToList();
                if (restricting.Count == 0 || ResourceTypes(restricting) is not { } types)
                {
                    union = null;
                    break;
                }

                union.UnionWith(types);
            }

            if (union is not null)
            {
                visible = visible is null ? union : visible.Where(union.Contains);
            }
        }

        return visible is null ? [] : [.. visible.Where(t => !excluded.Contains(t)).Distinct().Order(StringComparer.Ordinal)];
    }

    private static ImmutableArray<TimeRange> AllowedPeriods(List<ResidualRule> rules, ConsentEffect baseline, AccessRequest request, List<TimeRange> excluded)
    {
        var asked = request.DataPeriod ?? TimeRange.Unbounded;
        List<TimeRange> allowed = [asked];
        if (baseline == ConsentEffect.Deny)
        {
            var fromPermits = new List<TimeRange>();
            foreach (var rule in rules.Where(r => r.Effect == ConsentEffect.Permit))
            {
                if (Period([.. rule.Scopes]) is not { } period)
                {
                    continue;
                }

                if (period.IsUnbounded)
                {
                    fromPermits = null;
                    break;
                }

                if (period.Intersect(asked) is { } inside)
                {
                    fromPermits.Add(inside);
                }
            }

            if (fromPermits is not null)
            {
                allowed = fromPermits;
            }
        }

        foreach (var cut in excluded)
        {
            allowed = [.. allowed.SelectMany(range => range.Subtract(cut))];
        }

        return allowed is [{ IsUnbounded: true }] ? [] : [.. allowed];
    }
}
