namespace Dataspace.Connector.Transfer;

/// <summary>The DSP transfer process states; on the wire they are upper case (<c>REQUESTED</c>, …).</summary>
public enum TransferState
{
    Requested,
    Started,
    Suspended,
    Completed,
    Terminated,
}

/// <summary>Wire names and properties of <see cref="TransferState"/>.</summary>
public static class TransferStates
{
    /// <summary>The DSP 2025-1 name, e.g. <c>STARTED</c>.</summary>
    public static string ToWire(this TransferState state) => state.ToString().ToUpperInvariant();

    /// <summary>COMPLETED and TERMINATED: no message moves a transfer out of them.</summary>
    public static bool IsTerminal(this TransferState state) => state is TransferState.Completed or TransferState.Terminated;
}
