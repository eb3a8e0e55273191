namespace Dataspace.JsonLd.Tests;

/// <summary>W3C suite tests this processor is known to fail, each with a one-line reason; a listed test that passes makes its theory row fail so the list stays honest.</summary>
internal static class KnownFailures
{
    public static readonly IReadOnlyDictionary<string, string> Reasons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["remote-doc#t0013"] = "HTML script extraction is not supported, so a context served as text/html (via a Link header) cannot be read.",
    };
}
