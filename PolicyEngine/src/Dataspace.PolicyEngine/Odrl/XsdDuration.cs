using System.Globalization;
using System.Text.RegularExpressions;

namespace Dataspace.PolicyEngine.Odrl;

/// <summary>An xsd:duration (ISO 8601), kept in calendar parts because P1M has no fixed length.</summary>
public readonly partial record struct XsdDuration(bool Negative, int Years, int Months, int Days, TimeSpan Time)
{
    /// <summary>The instant this duration after (or before, if negative) <paramref name="start"/>.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start)
    {
        var sign = Negative ? -1 : 1;
        return start.AddYears(sign * Years).AddMonths(sign * Months).AddDays(sign * Days).Add(Negative ? -Time : Time);
    }

    /// <summary>Parses the xsd:duration lexical form, e.g. P2Y, P30D, PT12H, -P1DT2H30M.</summary>
    public static bool TryParse(string text, out XsdDuration duration)
    {
        duration = default;
        var match = Pattern().Match(text);
        if (!match.Success || text.EndsWith('T') || text.EndsWith('P'))
        {
            return false;
        }

        try
        {
            var time = TimeSpan.FromHours(Number(match.Groups[5]))
                + TimeSpan.FromMinutes(Number(match.Groups[6]))
                + TimeSpan.FromSeconds(Number(match.Groups[7]));
            duration = new XsdDuration(
                match.Groups[1].Success,
                (int)Number(match.Groups[2]),
                (int)Number(match.Groups[3]),
                (int)Number(match.Groups[4]),
                time);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static double Number(Group group) =>
        group.Success ? double.Parse(group.Value, NumberStyles.Float, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(-)?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
