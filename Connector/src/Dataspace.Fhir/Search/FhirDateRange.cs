using System.Globalization;
using System.Text.RegularExpressions;

namespace Dataspace.Fhir.Search;

/// <summary>
/// The instants a FHIR date, dateTime or instant covers at its precision, as UTC ticks with an inclusive end:
/// <c>2024</c> is the whole year, <c>2024-03-01T10:15</c> one minute. A value without a time zone is read as UTC.
/// </summary>
public readonly partial record struct FhirDateRange(long Start, long End)
{
    /// <summary>The start of time, for an open period start.</summary>
    public const long Min = 0;

    /// <summary>The end of time, for an open period end.</summary>
    public static readonly long Max = DateTime.MaxValue.Ticks;

    // Anchored, fixed-width parts and no nested quantifiers: matching is linear, so no timeout is needed — and a
    // wall-clock timeout would only fail valid dates on a busy machine.
    [GeneratedRegex(
        @"^(?<y>\d{4})(-(?<mo>\d{2})(-(?<d>\d{2})(T(?<h>\d{2}):(?<mi>\d{2})(:(?<s>\d{2})(\.(?<f>\d{1,9}))?)?(?<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    /// <summary>The range of one instant.</summary>
    public static FhirDateRange At(DateTimeOffset instant) => new(instant.UtcTicks, instant.UtcTicks);

    /// <summary>Parses a FHIR date/dateTime/instant literal; false for anything else.</summary>
    public static bool TryParse(string? text, out FhirDateRange range)
    {
        range = default;
        if (string.IsNullOrEmpty(text))
            return false;
        var match = Pattern().Match(text);
        if (!match.Success)
            return false;
        int Part(string name, int fallback) => match.Groups[name].Success ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture) : fallback;
        try
        {
            var year = Part("y", 1);
            var month = Part("mo", 1);
            var day = Part("d", 1);
            var offset = TimeSpan.Zero;
            if (match.Groups["tz"] is { Success: true, Value: not "Z" } tz)
                offset = TimeSpan.ParseExact(tz.Value[1..], @"hh\:mm", CultureInfo.InvariantCulture) * (tz.Value[0] == '-' ? -1 : 1);
            var start = new DateTimeOffset(year, month, day, Part("h", 0), Part("mi", 0), Part("s", 0), offset);
            TimeSpan length;
            if (match.Groups["f"].Success)
            {
                var digits = match.Groups["f"].Value;
                var precise = digits.Length > 7 ? digits[..7] : digits;
                start = start.AddTicks(long.Parse(precise, CultureInfo.InvariantCulture) * (long)Math.Pow(10, 7 - precise.Length));
                length = TimeSpan.FromTicks((long)Math.Pow(10, 7 - precise.Length));
            }
            else if (match.Groups["s"].Success)
                length = TimeSpan.FromSeconds(1);
            else if (match.Groups["h"].Success)
                length = TimeSpan.FromMinutes(1);
            else if (match.Groups["d"].Success)
                length = TimeSpan.FromDays(1);
            else if (match.Groups["mo"].Success)
                length = start.AddMonths(1) - start;
            else
                length = start.AddYears(1) - start;
            var startTicks = start.UtcTicks;
            range = new FhirDateRange(startTicks, Math.Min(Max, startTicks + length.Ticks - 1));
            return true;
        }
        catch (ArgumentException)
        {
            // Out-of-range parts such as month 13 or an offset beyond ±14:00.
            return false;
        }
    }
}
