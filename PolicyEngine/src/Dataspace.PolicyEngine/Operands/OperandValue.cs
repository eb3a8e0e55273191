using System.Globalization;
using Dataspace.PolicyEngine.Odrl;

namespace Dataspace.PolicyEngine.Operands;

/// <summary>A typed value of a left or right operand; a struct so evaluation does not allocate per constraint.</summary>
public readonly record struct OperandValue
{
    private OperandValue(OperandType type, string? text = null, decimal number = 0, DateTimeOffset time = default,
        DateTimeOffset since = default, XsdDuration duration = default, bool flag = false)
    {
        Type = type;
        HasValue = true;
        Text = text;
        Number = number;
        Time = time;
        Since = since;
        Duration = duration;
        Flag = flag;
    }

    /// <summary>No value: the request did not carry what the operand needs.</summary>
    public static OperandValue Missing => default;

    public OperandType Type { get; }

    public bool HasValue { get; }

    public string? Text { get; }

    public decimal Number { get; }

    /// <summary>The instant of a DateTime value, or the end of an elapsed Duration value.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The start of an elapsed Duration value.</summary>
    public DateTimeOffset Since { get; }

    /// <summary>The calendar duration of a right-operand Duration value.</summary>
    public XsdDuration Duration { get; }

    public bool Flag { get; }

    public bool IsElapsed => Type == OperandType.Duration && Text is null;

    public static OperandValue Concept(string iri) => new(OperandType.Concept, iri);

    public static OperandValue String(string text) => new(OperandType.String, text);

    public static OperandValue FromNumber(decimal number) => new(OperandType.Number, number: number);

    public static OperandValue FromDateTime(DateTimeOffset time) => new(OperandType.DateTime, time: time);

    /// <summary>The time elapsed from <paramref name="since"/> to <paramref name="now"/>, compared exactly against calendar durations.</summary>
    public static OperandValue Elapsed(DateTimeOffset since, DateTimeOffset now) => new(OperandType.Duration, since: since, time: now);

    public static OperandValue FromDuration(XsdDuration duration, string lexical) =>
        new(OperandType.Duration, text: lexical, duration: duration);

    public static OperandValue FromBoolean(bool flag) => new(OperandType.Boolean, flag: flag);

    /// <summary>Reads a lexical form as <paramref name="type"/>; concepts are normalised through <paramref name="scheme"/>.</summary>
    public static bool TryParse(string text, OperandType type, ConceptScheme? scheme, out OperandValue value)
    {
        value = Missing;
        switch (type)
        {
            case OperandType.Concept:
                value = Concept(scheme?.Normalize(text) ?? text);
                return true;
            case OperandType.String:
                value = String(text);
                return true;
            case OperandType.Number when XsdLiteral.TryParseNumber(text, out var number):
                value = FromNumber(number);
                return true;
            case OperandType.DateTime when XsdLiteral.TryParseDateTime(text, out var time):
                value = FromDateTime(time);
                return true;
            case OperandType.Duration when XsdDuration.TryParse(text, out var duration):
                value = FromDuration(duration, text);
                return true;
            case OperandType.Boolean when XsdLiteral.TryParseBoolean(text, out var flag):
                value = FromBoolean(flag);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Reads a right-operand term as <paramref name="type"/>; an IRI only fits a Concept operand.</summary>
    public static bool TryFromTerm(RdfTerm term, OperandType type, ConceptScheme? scheme, out OperandValue value)
    {
        value = Missing;
        var plainText = term.DataType is null or Xsd.String or Xsd.AnyUri;
        return type switch
        {
            OperandType.Concept => (term.IsIri || plainText) && TryParse(term.Value, type, scheme, out value),
            OperandType.String => !term.IsIri && plainText && TryParse(term.Value, type, scheme, out value),
            _ => !term.IsIri && TryParse(term.Value, type, scheme, out value),
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        if (!HasValue)
        {
            return "(none)";
        }

        return Type switch
        {
            OperandType.Concept or OperandType.String => Text!,
            OperandType.Number => Number.ToString(CultureInfo.InvariantCulture),
            OperandType.DateTime => Time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            OperandType.Duration when IsElapsed => string.Create(CultureInfo.InvariantCulture, $"{(Time - Since).TotalDays:0.###} days since {Since:yyyy-MM-dd'T'HH:mm:ss'Z'}"),
            OperandType.Duration => Text!,
            _ => Flag ? "true" : "false",
        };
    }
}
