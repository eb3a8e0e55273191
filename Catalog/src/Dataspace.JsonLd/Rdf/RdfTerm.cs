namespace Dataspace.JsonLd.Rdf;

/// <summary>The kind of an RDF term.</summary>
public enum RdfTermKind
{
    /// <summary>An IRI.</summary>
    Iri,

    /// <summary>A blank node; <see cref="RdfTerm.Value"/> holds its label including "_:".</summary>
    BlankNode,

    /// <summary>A literal with a datatype IRI and, for rdf:langString, a language tag.</summary>
    Literal,
}

/// <summary>An RDF term: IRI, blank node or literal (lexical form, datatype IRI, optional language tag).</summary>
public sealed record RdfTerm(RdfTermKind Kind, string Value, string? Datatype = null, string? Language = null)
{
    /// <summary>xsd:string, the datatype of simple literals.</summary>
    public const string XsdString = "http://www.w3.org/2001/XMLSchema#string";

    /// <summary>rdf:langString, the datatype of language-tagged strings.</summary>
    public const string RdfLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

    /// <summary>Creates an IRI term.</summary>
    public static RdfTerm Iri(string iri) => new(RdfTermKind.Iri, iri);

    /// <summary>Creates a blank node term from a label such as "_:b0".</summary>
    public static RdfTerm BlankNode(string label) => new(RdfTermKind.BlankNode, label);

    /// <summary>Creates a literal; a language tag implies rdf:langString.</summary>
    public static RdfTerm Literal(string lexicalForm, string? datatype = null, string? language = null) =>
        new(RdfTermKind.Literal, lexicalForm, language is null ? datatype ?? XsdString : RdfLangString, language);

    /// <summary>The term in N-Quads syntax.</summary>
    public override string ToString() => Kind switch
    {
        RdfTermKind.Iri => "<" + Value + ">",
        RdfTermKind.BlankNode => Value,
        _ => "\"" + NQuads.EscapeLiteral(Value) + "\""
            + (Language is not null ? "@" + Language : Datatype == XsdString ? string.Empty : "^^<" + Datatype + ">"),
    };
}
