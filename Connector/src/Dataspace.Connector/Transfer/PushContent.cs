using System.Net;
using System.Net.Http.Headers;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The body of a push: <see cref="DataRelease"/> writes its NDJSON straight into the request stream, a search page at a
/// time, so the body is sent chunked and never held whole in memory. It is produced once only; nothing re-sends it.
/// </summary>
public sealed class PushContent : HttpContent
{
    /// <summary>The media type of pushed data.</summary>
    public const string MediaType = "application/fhir+ndjson";

    private readonly DataRelease _release;
    private readonly ReleaseGrant _grant;
    private readonly PushSelection _selection;
    private bool _started;

    /// <summary>A body releasing <paramref name="selection"/> under <paramref name="grant"/>.</summary>
    public PushContent(DataRelease release, ReleaseGrant grant, PushSelection selection)
    {
        _release = release;
        _grant = grant;
        _selection = selection;
        Headers.ContentType = new MediaTypeHeaderValue(MediaType);
    }

    /// <summary>What the release wrote; null until the body has been sent.</summary>
    public ReleaseSummary? Summary { get; private set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        // A second release would count another use and write another ledger entry for data the consumer may already have.
        if (_started)
            throw new InvalidOperationException("A push body is released once.");
        _started = true;
        Summary = await _release.ReleaseAsync(_grant, _selection.ResourceType, _selection.Patients, _selection.Filters, stream, cancellationToken);
    }

    // No length up front: the release decides per patient as it goes.
    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
