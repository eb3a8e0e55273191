using System.Text.Json;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>A process (negotiation, transfer) told what became of the work it put in the outbox.</summary>
public interface IOutboxHandler
{
    /// <summary>The topic of the entries this handler owns.</summary>
    string Topic { get; }

    /// <summary>Runs a local step; an exception retries it with backoff.</summary>
    Task RunStepAsync(OutboxMessage step, CancellationToken cancellationToken);

    /// <summary>The peer acknowledged the message; <paramref name="acknowledgement"/> is its JSON answer, if any.</summary>
    Task DeliveredAsync(OutboxMessage message, JsonElement? acknowledgement, CancellationToken cancellationToken);

    /// <summary>The peer refused the message, or every attempt failed; it will not be sent again.</summary>
    Task FailedAsync(OutboxMessage message, string reason, CancellationToken cancellationToken);
}
