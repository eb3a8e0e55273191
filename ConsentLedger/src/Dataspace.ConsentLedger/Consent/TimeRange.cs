namespace Dataspace.ConsentLedger.Consent;

/// <summary>A closed interval of instants; a null end is unbounded. FHIR <c>Period</c> ends are inclusive, so this is too.</summary>
public readonly record struct TimeRange(DateTimeOffset? Start, DateTimeOffset? End)
{
    /// <summary>All time.</summary>
    public static TimeRange Unbounded => default;

    /// <summary>True when neither end is bounded.</summary>
    public bool IsUnbounded => Start is null && End is null;

    /// <summary>True when <paramref name="instant"/> lies inside the interval.</summary>
    public bool Contains(DateTimeOffset instant) =>
        (Start is not { } start || instant >= start) && (End is not { } end || instant <= end);

    /// <summary>True when the two intervals share at least one instant.</summary>
    public bool Overlaps(TimeRange other) =>
        (Start is not { } start || other.End is not { } otherEnd || start <= otherEnd)
        && (End is not { } end || other.Start is not { } otherStart || otherStart <= end);

    /// <summary>True when every instant of <paramref name="other"/> lies inside this interval.</summary>
    public bool Covers(TimeRange other) =>
        (Start is not { } start || (other.Start is { } otherStart && otherStart >= start))
        && (End is not { } end || (other.End is { } otherEnd && otherEnd <= end));

    /// <summary>The instants both intervals share; null when they share none.</summary>
    public TimeRange? Intersect(TimeRange other)
    {
        if (!Overlaps(other))
        {
            return null;
        }

        var start = Start is null ? other.Start : other.Start is null ? Start : Max(Start.Value, other.Start.Value);
        var end = End is null ? other.End : other.End is null ? End : Min(End.Value, other.End.Value);
        return new TimeRange(start, end);
    }

    /// <summary>The parts of this interval outside <paramref name="removed"/>: none, one or two intervals.</summary>
    public IEnumerable<TimeRange> Subtract(TimeRange removed)
    {
        if (!Overlaps(removed))
        {
            yield return this;
            yield break;
        }

        // Closed intervals: the pieces stop one tick short of the removed bounds.
        if (removed.Start is { } cutStart && (Start is not { } start || start < cutStart))
        {
            yield return new TimeRange(Start, cutStart.AddTicks(-1));
        }

        if (removed.End is { } cutEnd && (End is not { } end || end > cutEnd))
        {
            yield return new TimeRange(cutEnd.AddTicks(1), End);
        }
    }

    /// <summary>ISO 8601 bounds, with <c>..</c> for an open end.</summary>
    public override string ToString() => $"{Start?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? ".."}/{End?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? ".."}";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
