using System.Net;

namespace Dataspace.Connector.Ledger;

/// <summary>A ledger API answered with an error or with something that is not a well-formed ledger answer.</summary>
public sealed class LedgerClientException : Exception
{
    public LedgerClientException() { }

    public LedgerClientException(string message) : base(message) { }

    public LedgerClientException(string message, Exception innerException) : base(message, innerException) { }

    public LedgerClientException(string message, HttpStatusCode status) : base(message) => Status = status;

    /// <summary>The HTTP status when the server answered with an error.</summary>
    public HttpStatusCode? Status { get; }
}
