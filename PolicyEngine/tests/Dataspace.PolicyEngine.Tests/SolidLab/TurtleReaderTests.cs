namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>The test-only Turtle reader covers the syntax the brief names, beyond what the SolidLab files happen to use.</summary>
public class TurtleReaderTests
{
    private const string Ex = "http://example.org/";
    private const string Xsd = "http://www.w3.org/2001/XMLSchema#";

    private const string Document = """
        @prefix ex: <http://example.org/> .
        PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        # a comment
        ex:p a ex:Policy ;
            ex:label "say \"hi\"\u0021"@en , '''two
        lines''' ;
            ex:when "2024-02-12T11:20:10.999Z"^^xsd:dateTime ;
            ex:count 5 ; ex:ratio -1.5 ; ex:flag true ;
            ex:rule [ a ex:Rule ; ex:action ex:read ] ;
            ex:order ( ex:a ex:b ) ;
            ex:none () ;
            ex:ref _:x .
        _:x ex:name "x" .
        """;

    [Fact]
    public void Reads_prefixes_literals_blank_nodes_and_lists()
    {
        var graph = new TurtleGraph(TurtleReader.Read(Document));
        var policy = TurtleTerm.Iri(Ex + "p");

        Assert.Equal([Ex + "Policy"], graph.Objects(policy, TurtleReader.Rdf + "type").Select(t => t.Value));
        Assert.Equal(["say \"hi\"!", "two\nlines"], graph.Objects(policy, Ex + "label").Select(t => t.Value));
        Assert.Equal("en", graph.Object(policy, Ex + "label")!.Language);
        Assert.Equal(Xsd + "dateTime", graph.Object(policy, Ex + "when")!.Datatype);
        Assert.Equal((Xsd + "integer", "5"), (graph.Object(policy, Ex + "count")!.Datatype, graph.Object(policy, Ex + "count")!.Value));
        Assert.Equal(Xsd + "decimal", graph.Object(policy, Ex + "ratio")!.Datatype);
        Assert.Equal(Xsd + "boolean", graph.Object(policy, Ex + "flag")!.Datatype);
        var rule = graph.Object(policy, Ex + "rule")!;
        Assert.Equal(TurtleTermKind.Blank, rule.Kind);
        Assert.Equal(Ex + "read", graph.Object(rule, Ex + "action")!.Value);
        Assert.Equal("x", graph.Object(graph.Object(policy, Ex + "ref")!, Ex + "name")!.Value);
    }

    [Fact]
    public void Lists_become_json_ld_lists_and_literals_keep_their_datatype()
    {
        var expanded = new TurtleGraph(TurtleReader.Read(Document)).ToExpandedJsonLd();
        var policy = expanded.Single(n => n!["@id"]!.GetValue<string>() == Ex + "p")!;

        Assert.Equal("""{"@list":[{"@id":"http://example.org/a"},{"@id":"http://example.org/b"}]}""", policy[Ex + "order"]![0]!.ToJsonString());
        Assert.Equal("""{"@list":[]}""", policy[Ex + "none"]![0]!.ToJsonString());
        Assert.Equal(Xsd + "dateTime", policy[Ex + "when"]![0]!["@type"]!.GetValue<string>());
        Assert.DoesNotContain(expanded, n => n!.AsObject().ContainsKey(TurtleReader.Rdf + "first"));
    }

    [Fact]
    public void An_undeclared_prefix_is_an_error_with_a_line_number()
    {
        var error = Assert.Throws<FormatException>(() => TurtleReader.Read("@prefix ex: <http://example.org/> .\nex:a ex:b nope:c ."));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
