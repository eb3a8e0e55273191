using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The DSP 2025-1 transfer process state machine as a pure function: which state a message leads to, or none when the
/// message is illegal in the current state or from that sender. Only the consumer requests; only the provider starts a
/// requested transfer; either side resumes a suspended one, suspends, completes or terminates. A provider's start in
/// STARTED refreshes the data address and keeps the state. COMPLETED and TERMINATED accept nothing.
/// </summary>
public static class TransferStateMachine
{
    /// <summary>The state after <paramref name="message"/> from <paramref name="sender"/>; <paramref name="current"/> is null for a new transfer.</summary>
    public static TransferState? Next(TransferState? current, TransferMessageKind message, NegotiationRole sender) => (current, message, sender) switch
    {
        (null, TransferMessageKind.Request, NegotiationRole.Consumer) => TransferState.Requested,
        (TransferState.Requested, TransferMessageKind.Start, NegotiationRole.Provider) => TransferState.Started,
        (TransferState.Started, TransferMessageKind.Start, NegotiationRole.Provider) => TransferState.Started,
        (TransferState.Suspended, TransferMessageKind.Start, _) => TransferState.Started,
        (TransferState.Started, TransferMessageKind.Completion, _) => TransferState.Completed,
        (TransferState.Started, TransferMessageKind.Suspension, _) => TransferState.Suspended,
        ({ } state, TransferMessageKind.Termination, _) when !state.IsTerminal() => TransferState.Terminated,
        _ => null,
    };
}
