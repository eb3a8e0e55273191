using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// NDJSON onto a stream through a pipe: each line is copied as UTF-8 into pooled buffers (no per-line array, no per-line
/// write call) and the buffers go out in batches of 64 KiB, or after 100 ms, so a long release costs few flushes and
/// memory stays at one batch. The first line is flushed at once, so the consumer's first byte does not wait for a batch.
/// </summary>
internal sealed class NdjsonWriter
{
    private const int BatchBytes = 64 * 1024;
    private static readonly long BatchTicks = Stopwatch.Frequency / 10;

    private readonly PipeWriter _pipe;
    private Utf8JsonWriter? _json;
    private long _pending;
    private long _flushedAt;
    private bool _flushedOnce;

    /// <summary>Writes to <paramref name="output"/>, which stays open.</summary>
    public NdjsonWriter(Stream output) =>
        _pipe = PipeWriter.Create(output, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));

    /// <summary>Adds <paramref name="json"/>, which must be one line of JSON, and a newline.</summary>
    public void WriteLine(ReadOnlySpan<byte> json)
    {
        var span = _pipe.GetSpan(json.Length + 1);
        json.CopyTo(span);
        span[json.Length] = (byte)'\n';
        _pipe.Advance(json.Length + 1);
        _pending += json.Length + 1;
    }

    /// <summary>Adds <paramref name="resource"/> as compact JSON (serialised straight into the buffers) and a newline.</summary>
    public void WriteLine(Resource resource)
    {
        if (_json is null)
            _json = new Utf8JsonWriter(_pipe, FhirJson.Writer);
        else
            _json.Reset(_pipe);
        FhirJson.Write(resource, _json);
        _json.Flush();
        _pending += _json.BytesCommitted;
        _pipe.GetSpan(1)[0] = (byte)'\n';
        _pipe.Advance(1);
        _pending++;
    }

    /// <summary>Sends what is buffered when it is the first line, a full batch, or has waited long enough.</summary>
    public ValueTask FlushIfDueAsync(CancellationToken cancellationToken) =>
        _pending > 0 && (!_flushedOnce || _pending >= BatchBytes || Stopwatch.GetTimestamp() - _flushedAt >= BatchTicks)
            ? FlushAsync(cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Sends everything buffered and lets go of the pipe; the stream stays open.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        await _pipe.CompleteAsync();
    }

    /// <summary>Drops what is buffered after a failure, returning the pipe's buffers without writing to the stream.</summary>
    public void Abandon()
    {
        try
        {
            _pipe.Complete(new OperationCanceledException("The release stopped."));
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _pipe.FlushAsync(cancellationToken);
        _pending = 0;
        _flushedOnce = true;
        _flushedAt = Stopwatch.GetTimestamp();
    }
}
