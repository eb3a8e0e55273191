using System.Globalization;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>Reads FHIR <c>date</c> and <c>dateTime</c> literals as the span of instants they denote.</summary>
public static class FhirInstant
{
    /// <summary>
    /// The first and last instant of a literal at its own precision: <c>2015</c> spans the whole year, <c>2015-02-01</c> the whole day.
    /// Values without a time zone are read as UTC, the only choice that does not depend on the server's clock settings.
    /// </summary>
    public static bool TryParse(string? literal, out TimeRange span)
    {
        span = default;
        if (string.IsNullOrWhiteSpace(literal))
        {
            return false;
        }

        var text = literal.Trim();
        switch (text.Length)
        {
            case 4 when TryDate(text, "yyyy", out var year):
                span = new TimeRange(year, year.AddYears(1).AddTicks(-1));
                return true;
            case 7 when TryDate(text, "yyyy-MM", out var month):
                span = new TimeRange(month, month.AddMonths(1).AddTicks(-1));
                return true;
            case 10 when TryDate(text, "yyyy-MM-dd", out var day):
                span = new TimeRange(day, day.AddDays(1).AddTicks(-1));
                return true;
        }

        if (text.Length > 10 && text[10] == 'T'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            span = new TimeRange(instant, instant);
            return true;
        }

        return false;
    }

    /// <summary>The FHIR Period as a closed interval; false when a bound is present but unreadable.</summary>
    public static bool TryParsePeriod(Hl7.Fhir.Model.Period? period, out TimeRange range)
    {
        range = TimeRange.Unbounded;
        if (period is null)
        {
            return true;
        }

        DateTimeOffset? start = null;
        DateTimeOffset? end = null;
        if (period.Start is not null)
        {
            if (!TryParse(period.Start, out var startSpan))
            {
                return false;
            }

            start = startSpan.Start;
        }

        if (period.End is not null)
        {
            if (!TryParse(period.End, out var endSpan))
            {
                return false;
            }

            end = endSpan.End;
        }

        range = new TimeRange(start, end);
        return true;
    }

    private static bool TryDate(string text, string format, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
}
