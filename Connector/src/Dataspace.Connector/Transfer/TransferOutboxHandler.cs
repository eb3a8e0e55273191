using System.Text.Json;
using Dataspace.Connector.Protocol.Outbox;

namespace Dataspace.Connector.Transfer;

/// <summary>Tells transfers what became of their outbox entries, and runs the provider's automatic start and pushes.</summary>
public sealed class TransferOutboxHandler(TransferActions actions, PushDelivery push) : IOutboxHandler
{
    public string Topic => TransferStore.Topic;

    public Task RunStepAsync(OutboxMessage step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Name switch
        {
            TransferActions.AutoStartStep => actions.AutoStartAsync(step.ProcessId, cancellationToken),
            PushDelivery.Step => push.RunAsync(step.ProcessId, step.Attempts, cancellationToken),
            _ => throw new InvalidOperationException($"unknown transfer step {step.Name}"),
        };
    }

    public Task DeliveredAsync(OutboxMessage message, JsonElement? acknowledgement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return actions.AcknowledgedAsync(message.ProcessId, acknowledgement, cancellationToken);
    }

    public Task FailedAsync(OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return actions.DeliveryFailedAsync(message.ProcessId, message.Name, reason, cancellationToken);
    }
}
