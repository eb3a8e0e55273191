namespace Dataspace.Connector.Identity;

/// <summary>A DID could not be turned into a trustworthy DID document.</summary>
public sealed class DidResolutionException : Exception
{
    public DidResolutionException(string message) : base(message) { }

    public DidResolutionException(string message, Exception innerException) : base(message, innerException) { }

    public DidResolutionException() { }
}
