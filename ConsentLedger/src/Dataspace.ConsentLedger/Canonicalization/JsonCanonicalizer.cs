using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Dataspace.ConsentLedger.Canonicalization;

/// <summary>RFC 8785 JSON Canonicalization Scheme (JCS): one byte sequence per JSON value, fit for hashing and signing.</summary>
public static class JsonCanonicalizer
{
    /// <summary>Parses UTF-8 JSON and returns its canonical UTF-8 form.</summary>
    /// <exception cref="JsonException">The input is not I-JSON: invalid JSON, duplicate names, lone surrogates or out-of-range numbers.</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        using var document = JsonDocument.ParseValue(ref reader);

        // ParseValue stops after one value; reading on makes the reader reject anything but trailing whitespace.
        if (reader.Read())
        {
            throw new JsonException("Only one JSON value may be canonicalized at a time.");
        }

        return Canonicalize(document.RootElement);
    }

    /// <summary>Returns the canonical UTF-8 form of <paramref name="value"/>.</summary>
    /// <exception cref="JsonException">The value is not I-JSON: duplicate names, lone surrogates or out-of-range numbers.</exception>
    public static byte[] Canonicalize(JsonElement value)
    {
        var output = new ArrayBufferWriter<byte>();
        Canonicalize(value, output);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical UTF-8 form of <paramref name="value"/> to <paramref name="output"/>.</summary>
    /// <exception cref="JsonException">The value is not I-JSON: duplicate names, lone surrogates or out-of-range numbers.</exception>
    public static void Canonicalize(JsonElement value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteValue(value, output);
    }

    private static void WriteValue(JsonElement value, IBufferWriter<byte> output)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(value, output);
                break;
            case JsonValueKind.Array:
                WriteArray(value, output);
                break;
            case JsonValueKind.String:
                WriteString(ReadString(value), output);
                break;
            case JsonValueKind.Number:
                WriteNumber(value, output);
                break;
            case JsonValueKind.True:
                WriteAscii("true", output);
                break;
            case JsonValueKind.False:
                WriteAscii("false", output);
                break;
            case JsonValueKind.Null:
                WriteAscii("null", output);
                break;
            default:
                throw new JsonException($"A {value.ValueKind} element has no JSON text.");
        }
    }

    private static void WriteObject(JsonElement value, IBufferWriter<byte> output)
    {
        var members = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in value.EnumerateObject())
        {
            members.Add(new(ReadName(property), property.Value));
        }

        // RFC 8785 §3.2.3: names compare as arrays of UTF-16 code units, which is exactly ordinal string order.
        members.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        WriteAscii("{", output);
        for (var i = 0; i < members.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(members[i - 1].Key, members[i].Key, StringComparison.Ordinal))
                {
                    throw new JsonException("Duplicate property names are not I-JSON (RFC 7493 §2.3) and have no canonical form.");
                }

                WriteAscii(",", output);
            }

            WriteString(members[i].Key, output);
            WriteAscii(":", output);
            WriteValue(members[i].Value, output);
        }

        WriteAscii("}", output);
    }

    private static void WriteArray(JsonElement value, IBufferWriter<byte> output)
    {
        WriteAscii("[", output);
        var first = true;
        foreach (var item in value.EnumerateArray())
        {
            if (!first)
            {
                WriteAscii(",", output);
            }

            first = false;
            WriteValue(item, output);
        }

        WriteAscii("]", output);
    }

    private static void WriteNumber(JsonElement value, IBufferWriter<byte> output)
    {
        // JCS reads every number as an IEEE 754 double, so 1.0, 1e0 and 10e-1 all become 1.
        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new JsonException($"The number {value.GetRawText()} is outside the IEEE 754 double range.");
        }

        Span<char> text = stackalloc char[EcmaScriptNumber.MaxLength];
        var length = EcmaScriptNumber.Format(number, text);
        var destination = output.GetSpan(length);
        for (var i = 0; i < length; i++)
        {
            destination[i] = (byte)text[i];
        }

        output.Advance(length);
    }

    // RFC 8785 §3.2.2.2: only the quote, the backslash and C0 controls are escaped; \b \t \n \f \r use their short
    // forms, other controls \u00xx in lowercase hex; everything else is written as UTF-8.
    private static void WriteString(string value, IBufferWriter<byte> output)
    {
        // Worst case: every code unit becomes a six-byte \u00xx escape; UTF-8 never needs more than three per unit.
        var destination = output.GetSpan((value.Length * 6) + 2);
        var written = 0;
        destination[written++] = (byte)'"';
        var runStart = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var escape = i < value.Length ? EscapeOf(value[i]) : null;
            if (i < value.Length && escape is null)
            {
                continue;
            }

            var status = Utf8.FromUtf16(value.AsSpan(runStart, i - runStart), destination[written..], out _, out var runBytes, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new JsonException("Strings with lone surrogates are not I-JSON (RFC 7493 §2.1) and have no canonical form.");
            }

            written += runBytes;
            if (escape is not null)
            {
                written += Encoding.ASCII.GetBytes(escape, destination[written..]);
            }

            runStart = i + 1;
        }

        destination[written++] = (byte)'"';
        output.Advance(written);
    }

    private static string? EscapeOf(char c) => c switch
    {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\b' => "\\b",
        '\t' => "\\t",
        '\n' => "\\n",
        '\f' => "\\f",
        '\r' => "\\r",
        < ' ' => $"\\u{(int)c:x4}",
        _ => null,
    };

    private static string ReadString(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("Strings with lone surrogates are not I-JSON (RFC 7493 §2.1) and have no canonical form.", e);
        }
    }

    private static string ReadName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException("Property names with lone surrogates are not I-JSON (RFC 7493 §2.1) and have no canonical form.", e);
        }
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var destination = output.GetSpan(text.Length);
        var written = Encoding.ASCII.GetBytes(text, destination);
        output.Advance(written);
    }
}
