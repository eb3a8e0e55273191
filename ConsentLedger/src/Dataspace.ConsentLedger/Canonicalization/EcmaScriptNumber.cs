using System.Globalization;

namespace Dataspace.ConsentLedger.Canonicalization;

/// <summary>Formats a double exactly as ECMAScript Number.prototype.toString does, the number form RFC 8785 §3.2.2.3 requires.</summary>
public static class EcmaScriptNumber
{
    /// <summary>Enough for the longest form, "-0.000001" followed by 17 significant digits.</summary>
    internal const int MaxLength = 32;

    /// <summary>The ECMAScript string of <paramref name="value"/>; both zeros print as "0".</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or an infinity, which JSON cannot represent.</exception>
    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Format(value, buffer)]);
    }

    /// <summary>Writes the ECMAScript string of <paramref name="value"/> and returns its length.</summary>
    internal static int Format(double value, Span<char> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON representation.");
        }

        if (value == 0)
        {
            destination[0] = '0';
            return 1;
        }

        // .NET's round-trip format already yields the shortest digits that read back to the same double, with
        // ECMAScript's tie-breaking; only the layout (where the point goes, when to use an exponent) differs.
        Span<char> roundTrip = stackalloc char[MaxLength];
        value.TryFormat(roundTrip, out var roundTripLength, "R", CultureInfo.InvariantCulture);
        Span<char> digits = stackalloc char[MaxLength];
        var (digitCount, pointPosition) = Decompose(roundTrip[..roundTripLength], digits);

        var writer = new CharWriter(destination);
        if (value < 0)
        {
            writer.Write('-');
        }

        var k = digitCount;
        var n = pointPosition;
        if (k <= n && n <= 21)
        {
            writer.Write(digits[..k]);
            writer.Repeat('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            writer.Write(digits[..n]);
            writer.Write('.');
            writer.Write(digits[n..k]);
        }
        else if (-6 < n && n <= 0)
        {
            writer.Write("0.");
            writer.Repeat('0', -n);
            writer.Write(digits[..k]);
        }
        else
        {
            writer.Write(digits[0]);
            if (k > 1)
            {
                writer.Write('.');
                writer.Write(digits[1..k]);
            }

            var exponent = n - 1;
            writer.Write('e');
            writer.Write(exponent < 0 ? '-' : '+');
            writer.WriteInteger(Math.Abs(exponent));
        }

        return writer.Length;
    }

    // Splits .NET's "[-]d[.ddd][E±x]" into significant digits without leading or trailing zeros and the
    // position n of the decimal point, so that |value| = 0.digits × 10^n.
    private static (int DigitCount, int PointPosition) Decompose(ReadOnlySpan<char> roundTrip, Span<char> digits)
    {
        if (roundTrip[0] == '-')
        {
            roundTrip = roundTrip[1..];
        }

        var exponent = 0;
        var e = roundTrip.IndexOfAny('E', 'e');
        if (e >= 0)
        {
            exponent = int.Parse(roundTrip[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            roundTrip = roundTrip[..e];
        }

        var point = roundTrip.IndexOf('.');
        var integerDigits = point >= 0 ? point : roundTrip.Length;
        var count = 0;
        var pointPosition = integerDigits + exponent;
        foreach (var c in roundTrip)
        {
            if (c == '.')
            {
                continue;
            }

            if (c == '0' && count == 0)
            {
                pointPosition--;
                continue;
            }

            digits[count++] = c;
        }

        while (digits[count - 1] == '0')
        {
            count--;
        }

        return (count, pointPosition);
    }

    private ref struct CharWriter(Span<char> destination)
    {
        private readonly Span<char> _destination = destination;

        public int Length { get; private set; }

        public void Write(char c) => _destination[Length++] = c;

        public void Write(scoped ReadOnlySpan<char> text)
        {
            text.CopyTo(_destination[Length..]);
            Length += text.Length;
        }

        public void Repeat(char c, int count)
        {
            _destination.Slice(Length, count).Fill(c);
            Length += count;
        }

        public void WriteInteger(int value)
        {
            value.TryFormat(_destination[Length..], out var written, provider: CultureInfo.InvariantCulture);
            Length += written;
        }
    }
}
