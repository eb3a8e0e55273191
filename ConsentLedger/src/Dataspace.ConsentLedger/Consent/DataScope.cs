using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>
/// The data a provision speaks about: its class, code, dataPeriod, data and securityLabel criteria.
/// Each criterion is any-of within itself; the criteria combine with AND; an empty criterion places no limit.
/// </summary>
public sealed record DataScope
{
    /// <summary>A scope that takes in all data.</summary>
    public static DataScope All { get; } = new();

    /// <summary>Resource types (in the resource-types system) and other classes such as profiles or media types.</summary>
    public ImmutableArray<CodeKey> Classes { get; init; } = [];

    /// <summary>Codes of the data, such as LOINC codes.</summary>
    public ImmutableArray<CodeKey> Codes { get; init; } = [];

    /// <summary>The clinical time of the data; null places no limit.</summary>
    public TimeRange? DataPeriod { get; init; }

    /// <summary>Specific resources, with how far each reference reaches.</summary>
    public ImmutableArray<DataReference> Data { get; init; } = [];

    /// <summary>Security labels the data carries.</summary>
    public ImmutableArray<CodeKey> SecurityLabels { get; init; } = [];

    /// <summary>True when no criterion limits the scope.</summary>
    public bool IsAll => Classes.IsEmpty && Codes.IsEmpty && DataPeriod is null && Data.IsEmpty && SecurityLabels.IsEmpty;

    /// <summary>
    /// True when <paramref name="item"/> falls in the scope. An item without a date matches a dataPeriod only when
    /// <paramref name="undatedMatches"/> is set, which a deny rule uses so that missing data never escapes it.
    /// </summary>
    public bool Contains(DataItem item, bool undatedMatches)
    {
        ArgumentNullException.ThrowIfNull(item);
        return MatchesClass(item)
            && (Codes.IsEmpty || Overlap(Codes, item.Codes))
            && (DataPeriod is not { } period || (item.Date is { } date ? period.Contains(date) : undatedMatches))
            && (Data.IsEmpty || MatchesData(item))
            && (SecurityLabels.IsEmpty || Overlap(SecurityLabels, item.SecurityLabels));
    }

    internal bool Restricts(ScopeDimension dimension, AccessRequest request) => dimension switch
    {
        ScopeDimension.Class => !Classes.IsEmpty && !CoversClasses(request),
        ScopeDimension.Code => !Codes.IsEmpty && !CoversCodes(request),
        ScopeDimension.DataPeriod => DataPeriod is { } period && !(request.DataPeriod is { } asked && period.Covers(asked)),
        ScopeDimension.Data => !Data.IsEmpty,
        ScopeDimension.SecurityLabel => !SecurityLabels.IsEmpty,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
    };

    /// <summary>True when every piece of data the request asks for lies inside the scope.</summary>
    internal bool Covers(AccessRequest request) =>
        !Restricts(ScopeDimension.Class, request)
        && !Restricts(ScopeDimension.Code, request)
        && !Restricts(ScopeDimension.DataPeriod, request)
        && Data.IsEmpty
        && SecurityLabels.IsEmpty;

    /// <summary>True when no piece of data the request asks for can lie inside the scope.</summary>
    internal bool IsDisjointFrom(AccessRequest request)
    {
        if (DataPeriod is { } period && request.DataPeriod is { } asked && !period.Overlaps(asked))
        {
            return true;
        }

        if (!Codes.IsEmpty && !request.Codes.IsEmpty && !Overlap(Codes, request.Codes))
        {
            return true;
        }

        // Only resource types are decidable up front: a profile or media-type class may hold any requested type.
        if (Classes.IsEmpty || request.ResourceTypes.IsEmpty)
        {
            return false;
        }

        foreach (var key in Classes)
        {
            if (key.System != CodeSystems.ResourceTypes || request.ResourceTypes.Contains(key.Code))
            {
                return false;
            }
        }

        return true;
    }

    private bool CoversClasses(AccessRequest request)
    {
        if (request.ResourceTypes.IsEmpty && request.Classes.IsEmpty)
        {
            return false;
        }

        foreach (var type in request.ResourceTypes)
        {
            if (!Classes.Contains(CodeKey.ForResourceType(type)))
            {
                return false;
            }
        }

        foreach (var key in request.Classes)
        {
            if (!Classes.Contains(key))
            {
                return false;
            }
        }

        return true;
    }

    private bool CoversCodes(AccessRequest request)
    {
        if (request.Codes.IsEmpty)
        {
            return false;
        }

        foreach (var code in request.Codes)
        {
            if (!Codes.Contains(code))
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchesClass(DataItem item)
    {
        if (Classes.IsEmpty)
        {
            return true;
        }

        foreach (var key in Classes)
        {
            if ((key.System == CodeSystems.ResourceTypes && key.Code == item.ResourceType) || item.Classes.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    private bool MatchesData(DataItem item)
    {
        foreach (var data in Data)
        {
            var reference = data.Reference;
            var matches = data.Meaning switch
            {
                DataMeaning.Instance => reference == item.Reference,
                DataMeaning.Related => reference == item.Reference || item.ReferredToBy.Contains(reference),
                DataMeaning.Dependents => reference == item.Reference || item.RefersTo.Contains(reference),
                DataMeaning.AuthoredBy => item.Authors.Contains(reference),
                _ => false,
            };
            if (matches)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Overlap(ImmutableArray<CodeKey> left, ImmutableArray<CodeKey> right)
    {
        foreach (var key in left)
        {
            if (right.Contains(key))
            {
                return true;
            }
        }

        return false;
    }
}
