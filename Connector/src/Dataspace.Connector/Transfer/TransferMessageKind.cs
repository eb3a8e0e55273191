namespace Dataspace.Connector.Transfer;

/// <summary>The DSP transfer process messages that move a transfer.</summary>
public enum TransferMessageKind
{
    /// <summary><c>TransferRequestMessage</c> (consumer).</summary>
    Request,

    /// <summary><c>TransferStartMessage</c>: the provider starts or refreshes the data address; either side resumes a suspended transfer.</summary>
    Start,

    /// <summary><c>TransferCompletionMessage</c>.</summary>
    Completion,

    /// <summary><c>TransferSuspensionMessage</c>.</summary>
    Suspension,

    /// <summary><c>TransferTerminationMessage</c>.</summary>
    Termination,
}
