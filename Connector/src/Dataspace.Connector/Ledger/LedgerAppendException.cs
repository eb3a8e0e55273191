namespace Dataspace.Connector.Ledger;

/// <summary>An append was not written: its batch's transaction rolled back, and the ledger is as it was before the batch.</summary>
public sealed class LedgerAppendException : Exception
{
    public LedgerAppendException() { }

    public LedgerAppendException(string message) : base(message) { }

    public LedgerAppendException(string message, Exception innerException) : base(message, innerException) { }
}
