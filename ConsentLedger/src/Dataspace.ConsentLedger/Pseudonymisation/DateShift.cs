using System.Globalization;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// Moves FHIR date, dateTime and instant strings by whole days, keeping their precision, time of day and offset,
/// so intervals between one patient's dates survive exactly.
/// </summary>
public static class DateShift
{
    /// <summary>
    /// <paramref name="value"/> moved by <paramref name="days"/>, or null when it is not a FHIR date form (so it is dropped, never leaked).
    /// A year or year-month is shifted from the middle of the period it names, so it changes only when the shift crosses a boundary.
    /// </summary>
    public static string? Shift(string value, int days)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!TryReadDate(value, out var year, out var month, out var day))
        {
            return null;
        }

        if (month == 0)
        {
            return new DateOnly(year, 7, 2).AddDays(days).Year.ToString("D4", CultureInfo.InvariantCulture);
        }

        if (day == 0)
        {
            return new DateOnly(year, month, 15).AddDays(days).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }

        if (day > DateTime.DaysInMonth(year, month))
        {
            return null;
        }

        return string.Concat(new DateOnly(year, month, day).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), value.AsSpan(10));
    }

    /// <summary>Reads the calendar part of a FHIR date form; a missing month or day reads as 0.</summary>
    internal static bool TryReadDate(string value, out int year, out int month, out int day)
    {
        month = 0;
        day = 0;
        if (!TryDigits(value, 0, 4, out year) || year is < 2 or > 9998 || (value.Length > 4 && value[4] != '-'))
        {
            return false;
        }

        if (value.Length == 4)
        {
            return true;
        }

        if (!TryDigits(value, 5, 2, out month) || month is < 1 or > 12 || (value.Length > 7 && value[7] != '-'))
        {
            return false;
        }

        if (value.Length == 7)
        {
            return true;
        }

        return TryDigits(value, 8, 2, out day) && day >= 1 && (value.Length == 10 || value[10] == 'T');
    }

    private static bool TryDigits(string value, int start, int count, out int number)
    {
        number = 0;
        if (value.Length < start + count)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var digit = value[i] - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        return true;
    }
}
