using System.Text.Json;
using Dataspace.Connector.Protocol.Outbox;

namespace Dataspace.Connector.Negotiation;

/// <summary>Tells negotiations what became of their outbox entries.</summary>
public sealed class NegotiationOutboxHandler(NegotiationActions actions) : IOutboxHandler
{
    public string Topic => NegotiationStore.Topic;

    public Task RunStepAsync(OutboxMessage step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return step.Name == AutoResponder.Step
            ? actions.RespondAsync(step.ProcessId, cancellationToken)
            : throw new InvalidOperationException($"unknown negotiation step {step.Name}");
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
