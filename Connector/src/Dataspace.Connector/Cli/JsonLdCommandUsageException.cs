namespace Dataspace.Connector.Cli;

/// <summary>A <c>dataspace jsonld</c> failure that is the caller's to fix (bad option value, unreadable file) rather than a JSON-LD processing error; exit code 2.</summary>
public sealed class JsonLdCommandUsageException(string message) : Exception(message);
