using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Transfer;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>The pure transfer state machine against DSP 2025-1 §2: every legal transition and the TCK's refusals.</summary>
public sealed class TransferStateMachineTests
{
    private const NegotiationRole P = NegotiationRole.Provider;
    private const NegotiationRole C = NegotiationRole.Consumer;

    [Theory]
    [InlineData(null, TransferMessageKind.Request, C, TransferState.Requested)]
    [InlineData(TransferState.Requested, TransferMessageKind.Start, P, TransferState.Started)]
    [InlineData(TransferState.Requested, TransferMessageKind.Termination, C, TransferState.Terminated)]
    [InlineData(TransferState.Requested, TransferMessageKind.Termination, P, TransferState.Terminated)]
    [InlineData(TransferState.Started, TransferMessageKind.Start, P, TransferState.Started)]
    [InlineData(TransferState.Started, TransferMessageKind.Completion, C, TransferState.Completed)]
    [InlineData(TransferState.Started, TransferMessageKind.Completion, P, TransferState.Completed)]
    [InlineData(TransferState.Started, TransferMessageKind.Suspension, C, TransferState.Suspended)]
    [InlineData(TransferState.Started, TransferMessageKind.Suspension, P, TransferState.Suspended)]
    [InlineData(TransferState.Started, TransferMessageKind.Termination, C, TransferState.Terminated)]
    [InlineData(TransferState.Suspended, TransferMessageKind.Start, C, TransferState.Started)]
    [InlineData(TransferState.Suspended, TransferMessageKind.Start, P, TransferState.Started)]
    [InlineData(TransferState.Suspended, TransferMessageKind.Termination, P, TransferState.Terminated)]
    public void Legal_transitions(TransferState? current, TransferMessageKind message, NegotiationRole sender, TransferState expected) =>
        Assert.Equal(expected, TransferStateMachine.Next(current, message, sender));

    [Theory]
    [InlineData(null, TransferMessageKind.Request, P)]
    [InlineData(null, TransferMessageKind.Start, P)]
    [InlineData(TransferState.Requested, TransferMessageKind.Request, C)]
    [InlineData(TransferState.Requested, TransferMessageKind.Start, C)]
    [InlineData(TransferState.Requested, TransferMessageKind.Completion, C)]
    [InlineData(TransferState.Requested, TransferMessageKind.Suspension, C)]
    [InlineData(TransferState.Started, TransferMessageKind.Start, C)]
    [InlineData(TransferState.Suspended, TransferMessageKind.Completion, C)]
    [InlineData(TransferState.Suspended, TransferMessageKind.Suspension, P)]
    [InlineData(TransferState.Completed, TransferMessageKind.Termination, P)]
    [InlineData(TransferState.Completed, TransferMessageKind.Start, P)]
    [InlineData(TransferState.Terminated, TransferMessageKind.Start, C)]
    [InlineData(TransferState.Terminated, TransferMessageKind.Suspension, P)]
    [InlineData(TransferState.Terminated, TransferMessageKind.Completion, C)]
    [InlineData(TransferState.Terminated, TransferMessageKind.Termination, C)]
    public void Illegal_transitions_have_no_next_state(TransferState? current, TransferMessageKind message, NegotiationRole sender) =>
        Assert.Null(TransferStateMachine.Next(current, message, sender));
}
