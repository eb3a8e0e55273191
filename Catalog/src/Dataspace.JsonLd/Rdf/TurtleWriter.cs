using System.Globalization;
using System.Text;

namespace Dataspace.JsonLd.Rdf;

/// <summary>Writes an RDF dataset as Turtle, or as TriG when it has named graphs: @prefix lines for the namespaces used, triples grouped by subject with ";" and objects with ",".</summary>
/// <remarks>
/// TriG is Turtle plus <c>graph { … }</c> blocks, so a dataset with only a default graph yields plain Turtle; check
/// <see cref="RdfDataset.HasNamedGraphs"/> to pick the media type. Blank nodes are relabelled _:b0, _:b1… in order of
/// appearance. Generalized RDF (blank node predicates) has no Turtle form and is refused with an InvalidOperationException.
/// </remarks>
public static class TurtleWriter
{
    /// <summary>The media type of Turtle.</summary>
    public const string TurtleMediaType = "text/turtle";

    /// <summary>The media type of TriG, written when the dataset has named graphs.</summary>
    public const string TriGMediaType = "application/trig";

    private const string Indent = "    ";

    /// <summary>The dataset as a Turtle (or TriG) document; <paramref name="prefixes"/> defaults to <see cref="RdfPrefixes.Common"/>.</summary>
    public static string Write(RdfDataset dataset, IReadOnlyDictionary<string, string>? prefixes = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(dataset, writer, prefixes);
        return writer.ToString();
    }

    /// <summary>Writes the dataset to <paramref name="writer"/>; nothing is written if the dataset cannot be expressed in Turtle.</summary>
    public static void Write(RdfDataset dataset, TextWriter writer, IReadOnlyDictionary<string, string>? prefixes = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(writer);
        var terms = new TurtleTerms(prefixes ?? RdfPrefixes.Common);

        // The body is formatted first because the @prefix lines list only the prefixes it uses.
        var blocks = new List<string>();
        foreach (var graph in dataset.Quads.GroupBy(q => q.Graph).OrderBy(g => g.Key is null ? 0 : 1))
        {
            if (graph.Key is null)
            {
                blocks.AddRange(SubjectBlocks(terms, graph, string.Empty));
            }
            else
            {
                blocks.Add(terms.Resource(graph.Key) + " {\n" + string.Join('\n', SubjectBlocks(terms, graph, Indent)) + "}\n");
            }
        }

        foreach (var (prefix, ns) in terms.UsedPrefixes)
        {
            writer.Write("@prefix ");
            writer.Write(prefix);
            writer.Write(": ");
            writer.Write(TurtleTerms.IriRef(ns));
            writer.Write(" .\n");
        }

        if (blocks.Count > 0 && terms.UsedPrefixes.Any())
        {
            writer.Write('\n');
        }

        // Every block ends with a newline, so joining with one more leaves a blank line between subjects and graphs.
        writer.Write(string.Join('\n', blocks));
    }

    private static IEnumerable<string> SubjectBlocks(TurtleTerms terms, IEnumerable<RdfQuad> quads, string indent)
    {
        foreach (var subject in quads.GroupBy(q => q.Subject))
        {
            var block = new StringBuilder().Append(indent).Append(terms.Resource(subject.Key));
            var firstPredicate = true;
            foreach (var predicate in subject.GroupBy(q => q.Predicate))
            {
                block.Append(firstPredicate ? " " : " ;\n" + indent + Indent);
                firstPredicate = false;
                block.Append(terms.Predicate(predicate.Key)).Append(' ');
                block.AppendJoin(", ", predicate.Select(q => terms.Object(q.Object)));
            }

            yield return block.Append(" .\n").ToString();
        }
    }
}
