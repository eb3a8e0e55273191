using System.Threading.Channels;
using Dataspace.ConsentLedger.Ledger;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// The connector's append-only ledger. <see cref="AppendAsync"/> queues an entry; one loop writes whatever is queued as
/// one batch in one transaction with a new signed tree head, then completes every waiting caller. A caller's task
/// therefore completes only once its entry is durable and covered by a signed tree head.
/// </summary>
public sealed class LedgerService : IAsyncDisposable
{
    private readonly Channel<PendingAppend> _queue;
    private readonly LedgerWriter _writer;
    private readonly int _maxBatch;
    private readonly ILogger<LedgerService> _logger;
    private readonly Task _loop;

    /// <summary>Starts the append loop.</summary>
    /// <param name="writer">Writes each batch.</param>
    /// <param name="maxBatch">The most entries one transaction takes; more wait for the next.</param>
    /// <param name="logger">Where failed batches are reported.</param>
    public LedgerService(LedgerWriter writer, int maxBatch, ILogger<LedgerService> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _writer = writer;
        _maxBatch = maxBatch;
        _logger = logger;
        // Bounded, so a flood of appends waits for the disk instead of filling memory.
        _queue = Channel.CreateBounded<PendingAppend>(new BoundedChannelOptions(Math.Max(maxBatch * 4, 1024)) { SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Appends <paramref name="entry"/> durably; returns its leaf index once a signed tree head covers it.</summary>
    /// <remarks>Cancelling stops the wait, not the append: an entry once queued is written.</remarks>
    /// <exception cref="InvalidOperationException">The ledger is shut down.</exception>
    public Task<long> AppendAsync(LedgerEntry entry, CancellationToken cancellationToken = default)
    {
        PendingAppend pending;
        try
        {
            ArgumentNullException.ThrowIfNull(entry);
            // Canonical form, leaf hash and patient pseudonyms are computed here, on the caller's thread, in parallel with the single writer.
            pending = new PendingAppend(PreparedEntry.From(entry));
        }
        catch (Exception e)
        {
            // As from an async method: a bad entry faults the task rather than throwing at the call.
            return Task.FromException<long>(e);
        }

        // Not an async method, so nothing keeps the entry itself alive while it waits; and with room in the queue,
        // no state machine either: under load thousands of appends wait at once.
        return _queue.Writer.TryWrite(pending) ? pending.Completion.Task.WaitAsync(cancellationToken) : EnqueueThenWaitAsync(pending, cancellationToken);
    }

    private async Task<long> EnqueueThenWaitAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        await EnqueueAsync(pending, cancellationToken);
        return await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Makes sure the ledger has a signed tree head, signing the empty tree on first use.</summary>
    public async Task<SignedTreeHead> PublishAsync(CancellationToken cancellationToken = default)
    {
        var pending = new PendingAppend(null);
        await EnqueueAsync(pending, cancellationToken);
        await pending.Completion.Task.WaitAsync(cancellationToken);
        return pending.TreeHead!;
    }

    private async Task EnqueueAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException e)
        {
            throw new InvalidOperationException("The ledger is shut down.", e);
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(_maxBatch);
        var entries = new List<PreparedEntry>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            entries.Clear();
            while (entries.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                if (pending.Entry is { } entry)
                {
                    entries.Add(entry);
                }
            }

            try
            {
                var (index, treeHead) = await _writer.AppendAsync(entries);
                foreach (var pending in batch)
                {
                    pending.TreeHead = treeHead;
                    pending.Completion.TrySetResult(pending.Entry is null ? treeHead.TreeSize : index++);
                }
            }
            catch (Exception e)
            {
                // Nothing of the batch was committed; each caller learns so and may retry.
                LogBatchFailed(_logger, batch.Count, e);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(new LedgerAppendException("The ledger batch was not written.", e));
                }
            }
        }
    }

    /// <summary>Stops accepting entries and waits until those already queued are written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private static void LogBatchFailed(ILogger logger, int count, Exception error) =>
        logger.LogError(error, "Ledger batch of {Count} appends rolled back", count);

    private sealed class PendingAppend(PreparedEntry? entry)
    {
        // Null for PublishAsync, which appends nothing.
        public PreparedEntry? Entry { get; } = entry;

        public SignedTreeHead? TreeHead { get; set; }

        // Continuations run elsewhere, so a slow caller never stalls the append loop.
        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
