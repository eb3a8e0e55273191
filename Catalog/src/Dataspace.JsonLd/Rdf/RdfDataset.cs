using System.Text;

namespace Dataspace.JsonLd.Rdf;

/// <summary>An RDF dataset: a default graph and named graphs, held as a list of distinct quads.</summary>
public sealed class RdfDataset
{
    private readonly List<RdfQuad> _quads = [];
    private readonly HashSet<RdfQuad> _seen = [];

    /// <summary>All quads in insertion order.</summary>
    public IReadOnlyList<RdfQuad> Quads => _quads;

    /// <summary>True when some quad is in a named graph, so the Turtle writer produces TriG rather than plain Turtle.</summary>
    public bool HasNamedGraphs => _quads.Exists(q => q.Graph is not null);

    /// <summary>Adds a quad unless the dataset already holds it (a graph is a set of triples).</summary>
    public void Add(RdfQuad quad)
    {
        if (_seen.Add(quad))
        {
            _quads.Add(quad);
        }
    }

    /// <summary>Serializes the dataset as N-Quads, one quad per line.</summary>
    public string ToNQuads()
    {
        var builder = new StringBuilder();
        foreach (var quad in _quads)
        {
            builder.Append(quad.ToString()).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Serializes the dataset as Turtle (TriG when it has named graphs) with the common prefixes; see <see cref="TurtleWriter"/>.</summary>
    public string ToTurtle() => TurtleWriter.Write(this);
}
