using System.Text.Json.Nodes;
using Dataspace.JsonLd.Rdf;
using Dataspace.JsonLd.Tests.Conformance;

namespace Dataspace.JsonLd.Tests.Rdf;

/// <summary>The Turtle/TriG writer: the triples it writes are read back (by an independent subset parser) as a dataset isomorphic to the N-Quads of the same dataset.</summary>
public sealed class TurtleWriterTests
{
    private const string CatalogJson = """
        {
          "@context": [
            "https://w3id.org/dspace/2025/1/context.jsonld",
            { "dct": "http://purl.org/dc/terms/", "ex": "http://example.org/" }
          ],
          "@id": "urn:uuid:catalog",
          "@type": "Catalog",
          "dct:title": [{ "@value": "Cardiology", "@language": "en" }, { "@value": "Kardiologie", "@language": "de" }],
          "ex:recordCount": 1200,
          "ex:public": true,
          "ex:issued": { "@value": "2026-01-01", "@type": "http://www.w3.org/2001/XMLSchema#date" },
          "ex:note": "line one\nline \"two\"",
          "dataset": [{
            "@id": "urn:uuid:dataset-1",
            "@type": "Dataset",
            "distribution": [{ "@type": "Distribution", "format": "HttpData-PULL" }]
          }],
          "ex:page": { "@id": "https://hospital.example/catalog/a/b" }
        }
        """;

    [Fact]
    public void Default_graph_is_written_as_turtle_with_used_prefixes_and_subject_grouping()
    {
        var dataset = JsonLdProcessor.ToRdfDataset(JsonNode.Parse(CatalogJson));

        var turtle = dataset.ToTurtle();

        Assert.False(dataset.HasNamedGraphs);
        Assert.Contains("@prefix dcat: <http://www.w3.org/ns/dcat#> .\n", turtle, StringComparison.Ordinal);
        Assert.Contains("@prefix dct: <http://purl.org/dc/terms/> .\n", turtle, StringComparison.Ordinal);
        Assert.DoesNotContain("@prefix foaf:", turtle, StringComparison.Ordinal);
        Assert.Contains("<urn:uuid:catalog> ", turtle, StringComparison.Ordinal);
        Assert.Contains(" a dcat:Catalog ;\n", turtle, StringComparison.Ordinal);
        Assert.Contains("dct:title \"Cardiology\"@en, \"Kardiologie\"@de", turtle, StringComparison.Ordinal);
        Assert.Contains("<http://example.org/recordCount> 1200", turtle, StringComparison.Ordinal);
        Assert.Contains("<http://example.org/public> true", turtle, StringComparison.Ordinal);
        Assert.Contains("\"2026-01-01\"^^xsd:date", turtle, StringComparison.Ordinal);
        Assert.Contains("\"line one\\nline \\\"two\\\"\"", turtle, StringComparison.Ordinal);
        Assert.Contains("<https://hospital.example/catalog/a/b>", turtle, StringComparison.Ordinal);
        Assert.Contains("dcat:distribution _:b", turtle, StringComparison.Ordinal);
        AssertRoundTrip(dataset, turtle);
    }

    [Fact]
    public void Named_graphs_are_written_as_trig_blocks()
    {
        var dataset = JsonLdProcessor.ToRdfDataset(JsonNode.Parse("""
            {
              "@context": { "ex": "http://example.org/" },
              "@id": "http://example.org/graph",
              "ex:label": "outside",
              "@graph": [{ "@id": "ex:s", "ex:p": ["ex:o1", { "@id": "ex:o2" }, "plain"] }]
            }
            """));

        var trig = dataset.ToTurtle();

        Assert.True(dataset.HasNamedGraphs);
        Assert.Contains("<http://example.org/graph> {\n", trig, StringComparison.Ordinal);
        Assert.EndsWith("}\n", trig, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n}", trig, StringComparison.Ordinal);
        AssertRoundTrip(dataset, trig);
    }

    [Fact]
    public void Custom_prefixes_replace_the_common_ones()
    {
        var dataset = JsonLdProcessor.ToRdfDataset(JsonNode.Parse("""{ "@id": "http://example.org/s", "http://example.org/p": { "@id": "http://example.org/o" } }"""));

        var turtle = TurtleWriter.Write(dataset, new Dictionary<string, string> { ["ex"] = "http://example.org/" });

        Assert.Equal("@prefix ex: <http://example.org/> .\n\nex:s ex:p ex:o .\n", turtle);
        Assert.Throws<ArgumentException>(() => TurtleWriter.Write(dataset, new Dictionary<string, string> { ["1ex"] = "http://example.org/" }));
    }

    [Fact]
    public void Empty_dataset_is_an_empty_document()
    {
        Assert.Equal(string.Empty, new RdfDataset().ToTurtle());
    }

    [Fact]
    public void Generalized_rdf_is_refused_before_anything_is_written()
    {
        var dataset = new RdfDataset();
        dataset.Add(new RdfQuad(RdfTerm.Iri("http://example.org/s"), RdfTerm.BlankNode("_:p"), RdfTerm.Literal("o"), null));
        using var writer = new StringWriter();

        var error = Assert.Throws<InvalidOperationException>(() => TurtleWriter.Write(dataset, writer));

        Assert.Contains("generalized RDF", error.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, writer.ToString());
    }

    [Fact]
    public void Every_W3C_toRdf_dataset_round_trips_through_turtle()
    {
        var failures = new List<string>();
        var written = 0;
        foreach (var entry in SuiteManifest.Entries("toRdf").Where(e => !e.IsNegative))
        {
            RdfDataset dataset;
            try
            {
                dataset = JsonLdProcessor.ToRdfDataset(new Uri(SuiteManifest.BaseIri + entry.Input), SuiteRunner.Options(entry));
            }
            catch (JsonLdException)
            {
                // Syntax-only tests may expect an error that no output exists for.
                continue;
            }

            if (dataset.Quads.Any(q => q.Predicate.Kind != RdfTermKind.Iri))
            {
                Assert.Throws<InvalidOperationException>(() => dataset.ToTurtle());
                continue;
            }

            var turtle = dataset.ToTurtle();
            written++;
            if (!NQuadsIsomorphism.AreIsomorphic(NQuadsIsomorphism.Parse(dataset.ToNQuads()), NQuadsIsomorphism.Parse(TurtleSubsetParser.ToNQuads(turtle))))
            {
                failures.Add($"{entry.FullId}:\n{turtle}");
            }
        }

        Assert.True(written > 300, $"only {written} datasets were written");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    private static void AssertRoundTrip(RdfDataset dataset, string turtle)
    {
        var expected = NQuadsIsomorphism.Parse(dataset.ToNQuads());
        var actual = NQuadsIsomorphism.Parse(TurtleSubsetParser.ToNQuads(turtle));
        Assert.True(NQuadsIsomorphism.AreIsomorphic(expected, actual), $"turtle:\n{turtle}\nnquads:\n{dataset.ToNQuads()}");
    }
}
