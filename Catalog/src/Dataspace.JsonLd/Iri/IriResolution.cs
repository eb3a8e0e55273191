using System.Text;

namespace Dataspace.JsonLd.Iri;

/// <summary>Reference resolution (RFC 3986 §5.2) and its inverse, making an IRI relative to a base.</summary>
internal static class IriResolution
{
    public static string Resolve(string? baseIri, string reference)
    {
        if (baseIri is null)
        {
            return reference;
        }

        var r = IriReference.Parse(reference);
        if (r.Scheme is not null)
        {
            return (r with { Path = RemoveDotSegments(r.Path) }).ToString();
        }

        var b = IriReference.Parse(baseIri);
        IriReference target;
        if (r.Authority is not null)
        {
            target = r with { Scheme = b.Scheme, Path = RemoveDotSegments(r.Path) };
        }
        else if (r.Path.Length == 0)
        {
            target = b with { Query = r.Query ?? b.Query, Fragment = r.Fragment };
        }
        else
        {
            var path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
            target = new IriReference(b.Scheme, b.Authority, path, r.Query, r.Fragment);
        }

        return target.ToString();
    }

    /// <summary>The shortest relative reference that resolves back to <paramref name="iri"/> against <paramref name="baseIri"/>, or the IRI itself.</summary>
    public static string Relativize(string? baseIri, string iri)
    {
        if (baseIri is null || !IriSyntax.IsAbsolute(iri))
        {
            return iri;
        }

        var b = IriReference.Parse(baseIri);
        var i = IriReference.Parse(iri);
        if (!string.Equals(b.Scheme, i.Scheme, StringComparison.Ordinal) || !string.Equals(b.Authority, i.Authority, StringComparison.Ordinal))
        {
            return iri;
        }

        string candidate;
        if (i.Path == b.Path && i.Query is null == b.Query is null && i.Query == b.Query)
        {
            candidate = i.Fragment is null ? LastSegment(i.Path) : "#" + i.Fragment;
            if (i.Fragment is null && candidate.Length == 0)
            {
                candidate = "./";
            }
        }
        else if (i.Path == b.Path && i.Query is not null)
        {
            candidate = "?" + i.Query + (i.Fragment is null ? string.Empty : "#" + i.Fragment);
        }
        else
        {
            candidate = RelativePath(b.Path, i.Path) + (i.Query is null ? string.Empty : "?" + i.Query) + (i.Fragment is null ? string.Empty : "#" + i.Fragment);
        }

        // A first segment with ':' would read as a scheme, one starting with '@' as a keyword.
        var firstSegment = candidate.Split('/', '?', '#')[0];
        if (firstSegment.Contains(':', StringComparison.Ordinal) || firstSegment.StartsWith('@'))
        {
            candidate = "./" + candidate;
        }

        return Resolve(baseIri, candidate) == iri ? candidate : iri;
    }

    private static string LastSegment(string path) => path[(path.LastIndexOf('/') + 1)..];

    private static string RelativePath(string basePath, string path)
    {
        var baseSegments = basePath.Split('/');
        var segments = path.Split('/');
        var common = 0;
        // The base's last segment is a file name, never a shared directory.
        while (common < baseSegments.Length - 1 && common < segments.Length - 1 && baseSegments[common] == segments[common])
        {
            common++;
        }

        var builder = new StringBuilder();
        for (var k = common; k < baseSegments.Length - 1; k++)
        {
            builder.Append("../");
        }

        builder.Append(string.Join('/', segments[common..]));
        var result = builder.ToString();
        return result.Length == 0 ? "./" : result;
    }

    private static string Merge(IriReference b, string path)
    {
        if (b.Authority is not null && b.Path.Length == 0)
        {
            return "/" + path;
        }

        var slash = b.Path.LastIndexOf('/');
        return slash < 0 ? path : b.Path[..(slash + 1)] + path;
    }

    private static string RemoveDotSegments(string path)
    {
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            return path;
        }

        var input = path;
        var output = new List<string>();
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal))
            {
                input = input[3..];
            }
            else if (input.StartsWith("./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input.StartsWith("/./", StringComparison.Ordinal))
            {
                input = input[2..];
            }
            else if (input == "/.")
            {
                input = "/";
            }
            else if (input.StartsWith("/../", StringComparison.Ordinal))
            {
                input = input[3..];
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input == "/..")
            {
                input = "/";
                if (output.Count > 0)
                {
                    output.RemoveAt(output.Count - 1);
                }
            }
            else if (input is "." or "..")
            {
                input = string.Empty;
            }
            else
            {
                var start = input[0] == '/' ? 1 : 0;
                var next = input.IndexOf('/', start);
                var segment = next < 0 ? input : input[..next];
                output.Add(segment);
                input = next < 0 ? string.Empty : input[next..];
            }
        }

        return string.Concat(output);
    }
}
