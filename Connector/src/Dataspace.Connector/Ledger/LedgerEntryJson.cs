using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Unicode;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// The RFC 8785 canonical JSON of a ledger entry, with a direct writer for the high-volume fixed-shape
/// <see cref="DataAccess"/> entry: members in canonical order, written once, instead of writing, parsing and re-writing.
/// </summary>
/// <remarks>
/// The bytes are those of <see cref="LedgerEntry.ToCanonicalJson"/> (a test compares them over awkward strings and
/// numbers); any value the direct writer does not handle (null, a lone surrogate, an integer beyond ±2^53) and every
/// other entry kind goes through the general canonicaliser, so its errors stay the same too.
/// </remarks>
internal static class LedgerEntryJson
{
    // I-JSON: integers beyond ±(2^53 − 1) are not exact as doubles; the general path decides what happens to them.
    private const long MaxExactInteger = (1L << 53) - 1;

    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>The canonical JSON of <paramref name="entry"/>, its leaf data.</summary>
    public static byte[] ToCanonicalJson(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry is DataAccess access && TryWrite(access) is { } bytes ? bytes : entry.ToCanonicalJson();
    }

    private static byte[]? TryWrite(DataAccess entry)
    {
        var buffer = t_buffer ??= new byte[1024];
        while (true)
        {
            var writer = new Writer(buffer);
            switch (TryWrite(entry, ref writer))
            {
                case WriteResult.Done:
                    return buffer.AsSpan(0, writer.Position).ToArray();
                case WriteResult.Unsupported:
                    return null;
                default:
                    // Too small for this entry; grow, within reason, and start again.
                    if (buffer.Length >= 1 << 20)
                    {
                        return null;
                    }

                    buffer = t_buffer = new byte[buffer.Length * 4];
                    break;
            }
        }
    }

    // Members in RFC 8785 order (UTF-16 code units of the names): agreementId, breakGlass, consentIds, consumerDid,
    // decision, kind, patientCount, patients, purpose, recordedAt, resourceCount; in each patient: decision, patient,
    // resourceCount. The entry keeps its patients sorted, so they are written as they come.
    private static WriteResult TryWrite(DataAccess entry, ref Writer w)
    {
        if (!IsExact(entry.ResourceCount) || !IsExact(entry.PatientCount))
        {
            return WriteResult.Unsupported;
        }

        var result = WriteResult.Done;
        w.Raw("{\"agreementId\":"u8, ref result);
        w.String(entry.AgreementId, ref result);
        w.Raw(entry.BreakGlass ? ",\"breakGlass\":true,\"consentIds\":["u8 : ",\"breakGlass\":false,\"consentIds\":["u8, ref result);
        var ids = entry.ConsentIds.IsDefault ? [] : entry.ConsentIds;
        for (var i = 0; i < ids.Length; i++)
        {
            if (i > 0)
            {
                w.Raw(","u8, ref result);
            }

            w.String(ids[i], ref result);
        }

        w.Raw("],\"consumerDid\":"u8, ref result);
        w.String(entry.ConsumerDid, ref result);
        w.Raw(",\"decision\":"u8, ref result);
        w.Raw(Decision(entry.Decision), ref result);
        w.Raw(",\"kind\":"u8, ref result);
        w.String(entry.Kind, ref result);
        w.Raw(",\"patientCount\":"u8, ref result);
        w.Integer(entry.PatientCount, ref result);
        w.Raw(",\"patients\":["u8, ref result);
        var patients = entry.Patients;
        for (var i = 0; i < patients.Length; i++)
        {
            var access = patients[i];
            if (!IsExact(access.ResourceCount))
            {
                return WriteResult.Unsupported;
            }

            w.Raw(i > 0 ? ",{\"decision\":"u8 : "{\"decision\":"u8, ref result);
            w.Raw(Decision(access.Decision), ref result);
            w.Raw(",\"patient\":"u8, ref result);
            w.String(access.Patient.Value, ref result);
            w.Raw(",\"resourceCount\":"u8, ref result);
            w.Integer(access.ResourceCount, ref result);
            w.Raw("}"u8, ref result);
        }

        w.Raw("],\"purpose\":"u8, ref result);
        w.String(entry.Purpose, ref result);
        w.Raw(",\"recordedAt\":\""u8, ref result);
        w.Timestamp(entry.RecordedAt, ref result);
        w.Raw("\",\"resourceCount\":"u8, ref result);
        w.Integer(entry.ResourceCount, ref result);
        w.Raw("}"u8, ref result);
        return result;
    }

    private static bool IsExact(long value) => value is <= MaxExactInteger and >= -MaxExactInteger;

    private static ReadOnlySpan<byte> Decision(ConsentOutcome decision) => decision switch
    {
        ConsentOutcome.Permit => "\"permit\""u8,
        ConsentOutcome.Deny => "\"deny\""u8,
        _ => "\"permit-with-filters\""u8,
    };

    private enum WriteResult
    {
        Done,
        Unsupported,
        TooSmall,
    }

    private ref struct Writer(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void Raw(ReadOnlySpan<byte> bytes, ref WriteResult result)
        {
            if (result != WriteResult.Done)
            {
                return;
            }

            if (!bytes.TryCopyTo(_buffer[Position..]))
            {
                result = WriteResult.TooSmall;
                return;
            }

            Position += bytes.Length;
        }

        public void Integer(long value, ref WriteResult result)
        {
            if (result != WriteResult.Done)
            {
                return;
            }

            if (!Utf8Formatter.TryFormat(value, _buffer[Position..], out var written))
            {
                result = WriteResult.TooSmall;
                return;
            }

            Position += written;
        }

        public void Timestamp(DateTimeOffset value, ref WriteResult result)
        {
            if (result != WriteResult.Done)
            {
                return;
            }

            // The format LedgerEntry writes; always ASCII.
            if (!value.UtcDateTime.TryFormat(_buffer[Position..], out var written, "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture))
            {
                result = WriteResult.TooSmall;
                return;
            }

            Position += written;
        }

        // RFC 8785 §3.2.2.2: only the quote, the backslash and C0 controls are escaped; \b \t \n \f \r use their short
        // forms, other controls \u00xx in lowercase hex; everything else is written as UTF-8.
        public void String(string? value, ref WriteResult result)
        {
            if (result != WriteResult.Done)
            {
                return;
            }

            if (value is null)
            {
                result = WriteResult.Unsupported;
                return;
            }

            if (_buffer.Length - Position < (value.Length * 6) + 2)
            {
                result = WriteResult.TooSmall;
                return;
            }

            _buffer[Position++] = (byte)'"';
            var runStart = 0;
            for (var i = 0; i <= value.Length; i++)
            {
                var c = i < value.Length ? value[i] : '\0';
                if (i < value.Length && c >= ' ' && c != '"' && c != '\\')
                {
                    continue;
                }

                if (Utf8.FromUtf16(value.AsSpan(runStart, i - runStart), _buffer[Position..], out _, out var runBytes, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    // A lone surrogate: not I-JSON; the general canonicaliser reports it.
                    result = WriteResult.Unsupported;
                    return;
                }

                Position += runBytes;
                if (i < value.Length)
                {
                    Escape(c);
                }

                runStart = i + 1;
            }

            _buffer[Position++] = (byte)'"';
        }

        private void Escape(char c)
        {
            _buffer[Position++] = (byte)'\\';
            var shortForm = c switch
            {
                '"' => '"',
                '\\' => '\\',
                '\b' => 'b',
                '\t' => 't',
                '\n' => 'n',
                '\f' => 'f',
                '\r' => 'r',
                _ => '\0',
            };
            if (shortForm != '\0')
            {
                _buffer[Position++] = (byte)shortForm;
                return;
            }

            _buffer[Position++] = (byte)'u';
            _buffer[Position++] = (byte)'0';
            _buffer[Position++] = (byte)'0';
            _buffer[Position++] = (byte)"0123456789abcdef"[c >> 4];
            _buffer[Position++] = (byte)"0123456789abcdef"[c & 0xf];
        }
    }
}
