namespace Dataspace.Connector.Cli;

/// <summary>A ledger source or key file cannot be read: exit <see cref="LedgerCommand.InputError"/> with this message.</summary>
public sealed class LedgerInputException : Exception
{
    public LedgerInputException() { }

    public LedgerInputException(string message) : base(message) { }

    public LedgerInputException(string message, Exception innerException) : base(message, innerException) { }
}
