namespace Dataspace.JsonLd.Iri;

/// <summary>Shape tests for IRIs and blank node identifiers.</summary>
internal static class IriSyntax
{
    public static bool IsBlankNode(string? value) => value is not null && value.StartsWith("_:", StringComparison.Ordinal);

    /// <summary>True when the value starts with an IRI scheme followed by ':' (an absolute IRI, per RFC 3987's scheme rule).</summary>
    public static bool IsAbsolute(string? value) => SchemeLength(value) > 0;

    public static int SchemeLength(string? value)
    {
        if (string.IsNullOrEmpty(value) || !char.IsAsciiLetter(value[0]))
        {
            return 0;
        }

        for (var i = 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == ':')
            {
                return i;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>An absolute IRI without characters RDF forbids, used to decide what becomes an RDF term.</summary>
    public static bool IsWellFormedIri(string? value)
    {
        if (!IsAbsolute(value))
        {
            return false;
        }

        var hashes = 0;
        foreach (var c in value!)
        {
            if (c == '#' && ++hashes > 1)
            {
                return false;
            }

            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsGenDelim(char c) => c is ':' or '/' or '?' or '#' or '[' or ']' or '@';
}
