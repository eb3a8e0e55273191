namespace Dataspace.Connector.Transfer;

/// <summary>What this side can do to a transfer through the management API.</summary>
public enum TransferAction
{
    /// <summary>Provider: start a requested transfer, or refresh the EDR of a started one; either side: resume a suspended one.</summary>
    Start,

    /// <summary>Suspend a started transfer; its EDR dies.</summary>
    Suspend,

    /// <summary>Complete a started transfer; its EDR dies.</summary>
    Complete,

    /// <summary>Terminate a transfer that has not ended; its EDR dies.</summary>
    Terminate,
}
