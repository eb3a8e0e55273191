namespace Dataspace.JsonLd.Iri;

/// <summary>The five components of an IRI reference (RFC 3986 §3); null means the component is absent.</summary>
internal readonly record struct IriReference(string? Scheme, string? Authority, string Path, string? Query, string? Fragment)
{
    public static IriReference Parse(string value)
    {
        var rest = value;
        string? fragment = null;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            fragment = rest[(hash + 1)..];
            rest = rest[..hash];
        }

        string? query = null;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }

        string? scheme = null;
        var schemeLength = IriSyntax.SchemeLength(rest);
        if (schemeLength > 0)
        {
            scheme = rest[..schemeLength];
            rest = rest[(schemeLength + 1)..];
        }

        string? authority = null;
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            var end = rest.IndexOf('/', 2);
            authority = end < 0 ? rest[2..] : rest[2..end];
            rest = end < 0 ? string.Empty : rest[end..];
        }

        return new IriReference(scheme, authority, rest, query, fragment);
    }

    public override string ToString()
    {
        var text = Scheme is null ? string.Empty : Scheme + ":";
        if (Authority is not null)
        {
            text += "//" + Authority;
        }

        text += Path;
        if (Query is not null)
        {
            text += "?" + Query;
        }

        if (Fragment is not null)
        {
            text += "#" + Fragment;
        }

        return text;
    }
}
