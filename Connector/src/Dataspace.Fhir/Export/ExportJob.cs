namespace Dataspace.Fhir.Export;

/// <summary>One Bulk Data export: its request, progress and files. Thread-safe: the worker writes, status requests read.</summary>
public sealed class ExportJob
{
    private readonly Lock _gate = new();
    private readonly List<ExportOutput> _outputs = [];
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ExportState _state = ExportState.Running;
    private string _progress = "queued";

    internal ExportJob(string id, ExportRequest request, DateTimeOffset transactionTime, string folder)
    {
        Id = id;
        Request = request;
        TransactionTime = transactionTime;
        Folder = folder;
    }

    /// <summary>The id in the status URL.</summary>
    public string Id { get; }

    /// <summary>What was asked.</summary>
    public ExportRequest Request { get; }

    /// <summary>Resources changed after this instant are not in the export.</summary>
    public DateTimeOffset TransactionTime { get; }

    /// <summary>Where the files are written.</summary>
    internal string Folder { get; }

    /// <summary>Cancels the worker when the client deletes the export.</summary>
    internal CancellationTokenSource Cancellation { get; } = new();

    /// <summary>Completes when the export stops, however it stops.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Running, completed or failed.</summary>
    public ExportState State
    {
        get { lock (_gate) return _state; }
    }

    /// <summary>A short progress note for <c>X-Progress</c>.</summary>
    public string Progress
    {
        get { lock (_gate) return _progress; }
    }

    /// <summary>The files written so far.</summary>
    public IReadOnlyList<ExportOutput> Outputs
    {
        get { lock (_gate) return _outputs.ToList(); }
    }

    internal void Report(string progress)
    {
        lock (_gate) _progress = progress;
    }

    internal void Add(ExportOutput output)
    {
        lock (_gate) _outputs.Add(output);
    }

    internal void Finish(ExportState state)
    {
        lock (_gate) _state = state;
        _completion.TrySetResult();
    }
}
