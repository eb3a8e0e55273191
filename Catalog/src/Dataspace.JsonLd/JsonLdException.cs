namespace Dataspace.JsonLd;

/// <summary>A JSON-LD processing error carrying the error code defined by the JSON-LD 1.1 API specification.</summary>
public sealed class JsonLdException : Exception
{
    /// <summary>Creates an error with a spec error code and a human readable message.</summary>
    public JsonLdException(string code, string message)
        : base($"{code}: {message}")
    {
        Code = code;
    }

    /// <summary>Creates an error with a spec error code, a message and the underlying cause.</summary>
    public JsonLdException(string code, string message, Exception innerException)
        : base($"{code}: {message}", innerException)
    {
        Code = code;
    }

    /// <summary>The error code string, exactly as written in the JSON-LD 1.1 API specification (e.g. "invalid @id value").</summary>
    public string Code { get; }
}
