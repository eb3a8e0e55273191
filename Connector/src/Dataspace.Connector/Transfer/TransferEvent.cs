namespace Dataspace.Connector.Transfer;

/// <summary>One entry of a transfer's history: a message sent or received, or a local event.</summary>
/// <param name="At">When it happened.</param>
/// <param name="Message">The DSP message type, or what happened locally.</param>
/// <param name="Direction"><c>sent</c>, <c>received</c> or <c>local</c>.</param>
/// <param name="From">The state before; null for the first entry.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">A termination or suspension reason, or a delivery error.</param>
public sealed record TransferEvent(DateTimeOffset At, string Message, string Direction, TransferState? From, TransferState To, string? Reason);
