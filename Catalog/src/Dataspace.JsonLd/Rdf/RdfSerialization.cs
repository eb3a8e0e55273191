using System.Globalization;
using System.Text.RegularExpressions;
using Dataspace.JsonLd.Flattening;
using Dataspace.JsonLd.Iri;
using Dataspace.JsonLd.Json;
using static Dataspace.JsonLd.Expansion.NodeShapes;

namespace Dataspace.JsonLd.Rdf;

/// <summary>Deserialize JSON-LD to RDF (JSON-LD 1.1 API §8.1.2), from the node map of an expanded document.</summary>
internal static partial class RdfSerialization
{
    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";
    private static readonly RdfTerm RdfType = RdfTerm.Iri(Rdf + "type");
    private static readonly RdfTerm RdfFirst = RdfTerm.Iri(Rdf + "first");
    private static readonly RdfTerm RdfRest = RdfTerm.Iri(Rdf + "rest");
    private static readonly RdfTerm RdfNil = RdfTerm.Iri(Rdf + "nil");

    public static RdfDataset ToDataset(JsonList expanded, JsonLdOptions options)
    {
        var generator = new BlankNodeIdGenerator();
        var generation = new NodeMapGeneration(generator);
        generation.Generate(expanded);
        var dataset = new RdfDataset();
        var context = new Serialization(generator, options, dataset);
        foreach (var (graphName, graph) in generation.NodeMap.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            RdfTerm? graphTerm = null;
            if (graphName != Keywords.Default)
            {
                graphTerm = ToResource(graphName);
                if (graphTerm is null)
                {
                    continue;
                }
            }

            foreach (var (subject, node) in graph.OrderBy(n => n.Key, StringComparer.Ordinal))
            {
                if (ToResource(subject) is not { } subjectTerm)
                {
                    continue;
                }

                foreach (var (property, values) in node.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    SerializeProperty(context, graphTerm, subjectTerm, property, values);
                }
            }
        }

        return dataset;
    }

    private static void SerializeProperty(Serialization context, RdfTerm? graph, RdfTerm subject, string property, object? values)
    {
        if (property == Keywords.Type)
        {
            foreach (var type in AsList(values))
            {
                if (type is string t && ToResource(t) is { } typeTerm)
                {
                    context.Dataset.Add(new RdfQuad(subject, RdfType, typeTerm, graph));
                }
            }

            return;
        }

        if (Keywords.IsKeyword(property)
            || (IriSyntax.IsBlankNode(property) && !context.Options.ProduceGeneralizedRdf)
            || ToResource(property) is not { } predicate)
        {
            return;
        }

        foreach (var item in AsList(values))
        {
            var listTriples = new List<(RdfTerm, RdfTerm, RdfTerm)>();
            var obj = ToObject(context, item, listTriples);
            if (obj is not null)
            {
                context.Dataset.Add(new RdfQuad(subject, predicate, obj, graph));
            }

            foreach (var (s, p, o) in listTriples)
            {
                context.Dataset.Add(new RdfQuad(s, p, o, graph));
            }
        }
    }

    private static RdfTerm? ToResource(string? value) =>
        IriSyntax.IsBlankNode(value) ? RdfTerm.BlankNode(value!)
        : IriSyntax.IsWellFormedIri(value) ? RdfTerm.Iri(value!)
        : null;

    /// <summary>Object to RDF conversion (§8.1.3).</summary>
    private static RdfTerm? ToObject(Serialization context, object? item, List<(RdfTerm, RdfTerm, RdfTerm)> listTriples)
    {
        if (item is not JsonMap map)
        {
            return null;
        }

        if (IsListObject(map))
        {
            return ListToRdf(context, AsList(map[Keywords.List]), listTriples);
        }

        if (!map.TryGetValue(Keywords.Value, out var value))
        {
            return ToResource(map.GetValueOrDefault(Keywords.Id) as string);
        }

        var datatype = map.GetValueOrDefault(Keywords.Type) as string;
        if (datatype is not null && datatype != Keywords.Json && !IriSyntax.IsWellFormedIri(datatype))
        {
            return null;
        }

        var language = map.GetValueOrDefault(Keywords.Language) as string;
        if (language is not null && !LanguageTag().IsMatch(language))
        {
            return null;
        }

        string lexical;
        if (datatype == Keywords.Json)
        {
            lexical = JsonCanonicalizer.Canonicalize(value);
            datatype = Rdf + "JSON";
        }
        else if (value is bool b)
        {
            lexical = b ? "true" : "false";
            datatype ??= Xsd + "boolean";
        }
        else if (value is double d && (!JsonModel.IsInteger(d) || Math.Abs(d) >= 1e21 || datatype == Xsd + "double"))
        {
            lexical = CanonicalDouble(d);
            datatype ??= Xsd + "double";
        }
        else if (value is double integer)
        {
            // Adding 0.0 turns -0 into 0.
            lexical = (integer + 0.0).ToString("F0", CultureInfo.InvariantCulture);
            datatype ??= Xsd + "integer";
        }
        else
        {
            lexical = (string)value!;
            datatype ??= language is null ? RdfTerm.XsdString : RdfTerm.RdfLangString;
        }

        if (map.TryGetValue(Keywords.Direction, out var directionValue) && directionValue is string direction && context.Options.RdfDirection is { } mode)
        {
            return DirectionalLiteral(context, lexical, language, direction, mode, listTriples);
        }

        return language is not null && datatype == RdfTerm.RdfLangString
            ? RdfTerm.Literal(lexical, language: language)
            : RdfTerm.Literal(lexical, datatype);
    }

    private static RdfTerm DirectionalLiteral(Serialization context, string lexical, string? language, string direction, string mode, List<(RdfTerm, RdfTerm, RdfTerm)> listTriples)
    {
        var lowerLanguage = language?.ToLowerInvariant() ?? string.Empty;
        switch (mode)
        {
            case JsonLdOptions.I18nDatatype:
                return RdfTerm.Literal(lexical, "https://www.w3.org/ns/i18n#" + lowerLanguage + "_" + direction);
            case JsonLdOptions.CompoundLiteral:
                var node = RdfTerm.BlankNode(context.Generator.Generate());
                listTriples.Add((node, RdfTerm.Iri(Rdf + "value"), RdfTerm.Literal(lexical)));
                if (language is not null)
                {
                    listTriples.Add((node, RdfTerm.Iri(Rdf + "language"), RdfTerm.Literal(lowerLanguage)));
                }

                listTriples.Add((node, RdfTerm.Iri(Rdf + "direction"), RdfTerm.Literal(direction)));
                return node;
            default:
                throw new ArgumentException($"unknown rdfDirection '{mode}'", nameof(mode));
        }
    }

    /// <summary>List to RDF conversion (§8.1.4).</summary>
    private static RdfTerm ListToRdf(Serialization context, JsonList list, List<(RdfTerm, RdfTerm, RdfTerm)> listTriples)
    {
        if (list.Count == 0)
        {
            return RdfNil;
        }

        var nodes = list.Select(_ => RdfTerm.BlankNode(context.Generator.Generate())).ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var embedded = new List<(RdfTerm, RdfTerm, RdfTerm)>();
            var obj = ToObject(context, list[i], embedded);
            if (obj is not null)
            {
                listTriples.Add((nodes[i], RdfFirst, obj));
            }

            listTriples.AddRange(embedded);
            listTriples.Add((nodes[i], RdfRest, i + 1 < nodes.Count ? nodes[i + 1] : RdfNil));
        }

        return nodes[0];
    }

    /// <summary>The canonical xsd:double form, e.g. 1.1E0 or 5.0E-1.</summary>
    private static string CanonicalDouble(double d)
    {
        var text = d.ToString("0.000000000000000E+0", CultureInfo.InvariantCulture);
        return DoubleTrailingZeros().Replace(text, "$1E");
    }

    [GeneratedRegex(@"(\d)0*E\+?")]
    private static partial Regex DoubleTrailingZeros();

    [GeneratedRegex("^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    private sealed record Serialization(BlankNodeIdGenerator Generator, JsonLdOptions Options, RdfDataset Dataset);
}
