using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Dataspace.JsonLd.Rdf;

/// <summary>Formats RDF terms in Turtle syntax for one document: prefixed names where a namespace fits, relabelled blank nodes, short forms for integers and booleans.</summary>
internal sealed partial class TurtleTerms
{
    private const string RdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    private const string XsdInteger = "http://www.w3.org/2001/XMLSchema#integer";
    private const string XsdBoolean = "http://www.w3.org/2001/XMLSchema#boolean";

    private readonly (string Prefix, string Namespace)[] _namespaces;
    private readonly SortedDictionary<string, string> _used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _iris = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _blankNodes = new(StringComparer.Ordinal);

    public TurtleTerms(IReadOnlyDictionary<string, string> prefixes)
    {
        foreach (var prefix in prefixes.Keys)
        {
            if (!PrefixName().IsMatch(prefix))
            {
                throw new ArgumentException($"'{prefix}' is not a valid Turtle prefix name", nameof(prefixes));
            }
        }

        // Longest namespace first, so "dcatap" wins over a shorter namespace that also matches.
        _namespaces = prefixes.Select(p => (p.Key, p.Value)).OrderByDescending(p => p.Value.Length).ThenBy(p => p.Key, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The prefixes used so far, by prefix name.</summary>
    public IEnumerable<KeyValuePair<string, string>> UsedPrefixes => _used;

    public static string IriRef(string iri)
    {
        var builder = new StringBuilder(iri.Length + 2).Append('<');
        foreach (var c in iri)
        {
            if (c <= ' ' || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Append('>').ToString();
    }

    public string Resource(RdfTerm term) => term.Kind switch
    {
        RdfTermKind.Iri => Iri(term.Value),
        RdfTermKind.BlankNode => BlankNode(term.Value),
        _ => throw new InvalidOperationException($"Turtle cannot write the literal {term} as a subject or graph name"),
    };

    public string Predicate(RdfTerm term) => term.Kind == RdfTermKind.Iri
        ? term.Value == RdfType ? "a" : Iri(term.Value)
        : throw new InvalidOperationException($"Turtle cannot write the predicate {term}: only IRIs may be predicates (the dataset is generalized RDF)");

    public string Object(RdfTerm term) => term.Kind == RdfTermKind.Literal ? Literal(term) : Resource(term);

    private string Literal(RdfTerm term)
    {
        if (term.Datatype == XsdInteger && IntegerLexical().IsMatch(term.Value))
        {
            return term.Value;
        }

        if (term.Datatype == XsdBoolean && term.Value is "true" or "false")
        {
            return term.Value;
        }

        var quoted = "\"" + NQuads.EscapeLiteral(term.Value) + "\"";
        return term.Language is not null ? quoted + "@" + term.Language
            : term.Datatype is null or RdfTerm.XsdString ? quoted
            : quoted + "^^" + Iri(term.Datatype);
    }

    private string Iri(string iri)
    {
        if (_iris.TryGetValue(iri, out var written))
        {
            return written;
        }

        written = IriRef(iri);
        foreach (var (prefix, ns) in _namespaces)
        {
            if (iri.StartsWith(ns, StringComparison.Ordinal) && LocalName().IsMatch(iri.AsSpan(ns.Length)))
            {
                written = prefix + ":" + iri[ns.Length..];
                _used[prefix] = ns;
                break;
            }
        }

        _iris[iri] = written;
        return written;
    }

    // Labels from the dataset may contain characters Turtle does not allow, so every blank node gets a fresh label.
    private string BlankNode(string label)
    {
        if (!_blankNodes.TryGetValue(label, out var written))
        {
            written = "_:b" + _blankNodes.Count.ToString(CultureInfo.InvariantCulture);
            _blankNodes[label] = written;
        }

        return written;
    }

    // A conservative subset of Turtle's PN_PREFIX and PN_LOCAL (ASCII, no escapes); anything else is written as <IRI>.
    [GeneratedRegex("^([A-Za-z]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$")]
    private static partial Regex PrefixName();

    [GeneratedRegex("^([A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?$")]
    private static partial Regex LocalName();

    [GeneratedRegex("^[+-]?[0-9]+$")]
    private static partial Regex IntegerLexical();
}
