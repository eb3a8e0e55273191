using System.Globalization;
using System.Text;

namespace Dataspace.JsonLd.Json;

/// <summary>RFC 8785 JSON Canonicalization Scheme, used for the lexical form of rdf:JSON literals.</summary>
internal static class JsonCanonicalizer
{
    public static string Canonicalize(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case bool b:
                builder.Append(b ? "true" : "false");
                break;
            case double d:
                builder.Append(EcmaScriptNumber(d));
                break;
            case string s:
                WriteString(builder, s);
                break;
            case JsonList list:
                builder.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(builder, list[i]);
                }

                builder.Append(']');
                break;
            case JsonMap map:
                builder.Append('{');
                var first = true;
                foreach (var key in map.Keys.Order(StringComparer.Ordinal))
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, map[key]);
                }

                builder.Append('}');
                break;
            default:
                throw new InvalidOperationException($"unexpected value of type {value.GetType()}");
        }
    }

    private static void WriteString(StringBuilder builder, string s)
    {
        builder.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>Formats a double like ECMAScript's Number.prototype.toString (shortest round-trip digits).</summary>
    public static string EcmaScriptNumber(double d)
    {
        if (d == 0)
        {
            return "0";
        }

        // "R" yields the shortest digit string that round-trips, as ECMAScript does; only the layout differs.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = d < 0;
        var (digits, exponent) = Decompose(negative ? shortest[1..] : shortest);
        var n = exponent + 1; // position of the decimal point relative to the digits (ECMAScript's n)
        var k = digits.Length;
        string result;
        if (k <= n && n <= 21)
        {
            result = digits + new string('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result = digits[..n] + "." + digits[n..];
        }
        else if (-6 < n && n <= 0)
        {
            result = "0." + new string('0', -n) + digits;
        }
        else
        {
            var e = n - 1;
            var mantissa = k == 1 ? digits : digits[..1] + "." + digits[1..];
            result = mantissa + "e" + (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + result : result;
    }

    private static (string Digits, int Exponent) Decompose(string roundTrip)
    {
        var exponent = 0;
        var mantissa = roundTrip;
        var e = roundTrip.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = roundTrip[..e];
        }

        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = point >= 0 ? mantissa[..point] : mantissa;
        var fracPart = point >= 0 ? mantissa[(point + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var pointExponent = intPart.Length - 1 + exponent;
        var leading = 0;
        while (leading < all.Length - 1 && all[leading] == '0')
        {
            leading++;
        }

        all = all[leading..];
        pointExponent -= leading;
        return (all.TrimEnd('0') is { Length: > 0 } trimmed ? trimmed : "0", pointExponent);
    }
}
