using System.Globalization;

namespace Dataspace.PolicyEngine.Odrl;

/// <summary>Lexical-form checks and conversions for the XML Schema datatypes ODRL constraints use.</summary>
public static class XsdLiteral
{
    /// <summary>Parses xsd:integer, xsd:decimal or xsd:double lexical forms.</summary>
    public static bool TryParseNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>Parses xsd:dateTime or xsd:date; a value without a zone is taken as UTC so results never depend on the host.</summary>
    public static bool TryParseDateTime(string text, out DateTimeOffset value)
    {
        value = default;
        // Only ISO 8601 shapes: the invariant parser would also take "1/2/2018".
        if (text.Length < 10 || text[4] != '-' || text[7] != '-')
        {
            return false;
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value);
    }

    /// <summary>Parses xsd:boolean ("true", "false", "1", "0").</summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        value = text is "true" or "1";
        return text is "true" or "false" or "1" or "0";
    }

    /// <summary>True when <paramref name="text"/> is a valid lexical form of <paramref name="dataType"/>; unknown datatypes are accepted.</summary>
    public static bool IsWellFormed(string text, string dataType) => dataType switch
    {
        Xsd.Integer => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        Xsd.Decimal or Xsd.Double => TryParseNumber(text, out _),
        Xsd.Date or Xsd.DateTime => TryParseDateTime(text, out _),
        Xsd.Duration => XsdDuration.TryParse(text, out _),
        Xsd.Boolean => TryParseBoolean(text, out _),
        _ => true,
    };
}
