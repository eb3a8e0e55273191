using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>A birth date turned into an age band of N years at a reference date, top-coded at <see cref="TopCode"/> (HIPAA Safe Harbor).</summary>
public static class AgeBand
{
    /// <summary>Ages from this one up share a single open band, since very old ages single people out.</summary>
    public const int TopCode = 90;

    /// <summary>
    /// The band holding the age on <paramref name="asOf"/> of someone born on <paramref name="birthDate"/> (a FHIR date, any precision;
    /// a missing month or day counts as the first), as a Range in years; null when the date is unreadable or after <paramref name="asOf"/>.
    /// </summary>
    public static Hl7.Fhir.Model.Range? Of(string birthDate, DateOnly asOf, int years)
    {
        ArgumentNullException.ThrowIfNull(birthDate);
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        if (!DateShift.TryReadDate(birthDate, out var year, out var month, out var day))
        {
            return null;
        }

        var born = new DateOnly(year, Math.Max(month, 1), Math.Min(Math.Max(day, 1), DateTime.DaysInMonth(year, Math.Max(month, 1))));
        var age = asOf.Year - born.Year - (asOf < born.AddYears(asOf.Year - born.Year) ? 1 : 0);
        if (age < 0)
        {
            return null;
        }

        if (age >= TopCode)
        {
            return new Hl7.Fhir.Model.Range { Low = Years(TopCode) };
        }

        var low = age / years * years;
        return new Hl7.Fhir.Model.Range { Low = Years(low), High = Years(Math.Min(low + years - 1, TopCode - 1)) };
    }

    private static Quantity Years(int value) => new(value, "a", PseudonymisationCodes.Ucum) { Unit = "a" };
}
