using System.Text.Json.Nodes;

namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>A set of triples with the lookups the SolidLab harness needs, and a conversion to expanded (flattened) JSON-LD.</summary>
internal sealed class TurtleGraph(IReadOnlyList<TurtleTriple> triples)
{
    private const string RdfType = TurtleReader.Rdf + "type";
    private const string First = TurtleReader.Rdf + "first";
    private const string Rest = TurtleReader.Rdf + "rest";

    public static TurtleGraph Load(string path) => new(TurtleReader.Read(File.ReadAllText(path)));

    public IEnumerable<TurtleTerm> Objects(TurtleTerm subject, string predicate) =>
        triples.Where(t => t.Subject == subject && t.Predicate == predicate).Select(t => t.Object);

    public TurtleTerm? Object(TurtleTerm subject, string predicate) => Objects(subject, predicate).FirstOrDefault();

    public IEnumerable<TurtleTerm> SubjectsOfType(string type) =>
        triples.Where(t => t.Predicate == RdfType && t.Object == TurtleTerm.Iri(type)).Select(t => t.Subject).Distinct();

    public IEnumerable<TurtleTriple> WithPredicate(string predicate) => triples.Where(t => t.Predicate == predicate);

    /// <summary>
    /// One node object per subject, every value in an array, references as <c>{"@id": …}</c>: the flattened form of
    /// expanded JSON-LD, which the policy parser reads by resolving references. RDF lists become <c>@list</c> values.
    /// </summary>
    public JsonArray ToExpandedJsonLd()
    {
        var listNodes = triples.Where(t => t.Predicate is First or Rest).Select(t => t.Subject).ToHashSet();
        var nodes = new JsonArray();
        foreach (var subject in triples.Select(t => t.Subject).Distinct().Where(s => !listNodes.Contains(s)))
        {
            var node = new JsonObject { ["@id"] = Id(subject) };
            foreach (var group in triples.Where(t => t.Subject == subject).GroupBy(t => t.Predicate))
            {
                var key = group.Key == RdfType ? "@type" : group.Key;
                node[key] = group.Key == RdfType
                    ? new JsonArray([.. group.Select(t => (JsonNode)t.Object.Value)])
                    : new JsonArray([.. group.Select(t => Value(t.Object, listNodes))]);
            }

            nodes.Add(node);
        }

        return nodes;
    }

    private JsonNode Value(TurtleTerm term, HashSet<TurtleTerm> listNodes)
    {
        if (term.Kind == TurtleTermKind.Literal)
        {
            var literal = new JsonObject { ["@value"] = term.Value };
            if (term.Language is not null)
            {
                literal["@language"] = term.Language;
            }
            else if (term.Datatype is not (null or "http://www.w3.org/2001/XMLSchema#string"))
            {
                literal["@type"] = term.Datatype;
            }

            return literal;
        }

        if (listNodes.Contains(term) || term == TurtleTerm.Iri(TurtleReader.Rdf + "nil"))
        {
            var items = new JsonArray();
            for (var cell = term; cell != TurtleTerm.Iri(TurtleReader.Rdf + "nil"); cell = Object(cell, Rest)!)
            {
                items.Add(Value(Object(cell, First)!, listNodes));
            }

            return new JsonObject { ["@list"] = items };
        }

        return new JsonObject { ["@id"] = Id(term) };
    }

    private static string Id(TurtleTerm term) => term.Kind == TurtleTermKind.Blank ? "_:" + term.Value : term.Value;
}
