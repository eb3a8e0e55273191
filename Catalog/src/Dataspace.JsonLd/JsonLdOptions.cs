using System.Text.Json.Nodes;
using Dataspace.JsonLd.Loading;

namespace Dataspace.JsonLd;

/// <summary>The JSON-LD API options (JsonLdOptions of the JSON-LD 1.1 API spec) plus processing limits.</summary>
public sealed record JsonLdOptions
{
    /// <summary>Processing mode identifier for JSON-LD 1.0.</summary>
    public const string JsonLd10 = "json-ld-1.0";

    /// <summary>Processing mode identifier for JSON-LD 1.1.</summary>
    public const string JsonLd11 = "json-ld-1.1";

    /// <summary>rdfDirection value: base direction becomes an https://www.w3.org/ns/i18n# datatype.</summary>
    public const string I18nDatatype = "i18n-datatype";

    /// <summary>rdfDirection value: base direction becomes a blank node with rdf:value, rdf:language and rdf:direction.</summary>
    public const string CompoundLiteral = "compound-literal";

    /// <summary>The base IRI; when null the document URL (if any) is used.</summary>
    public string? Base { get; init; }

    /// <summary>A context to apply before the document's own context: a context object, an array, or a string IRI.</summary>
    public JsonNode? ExpandContext { get; init; }

    /// <summary>"json-ld-1.0" or "json-ld-1.1" (default).</summary>
    public string ProcessingMode { get; init; } = JsonLd11;

    /// <summary>Replace one-element arrays with their element when compacting.</summary>
    public bool CompactArrays { get; init; } = true;

    /// <summary>Make IRIs relative to the base IRI when compacting.</summary>
    public bool CompactToRelative { get; init; } = true;

    /// <summary>"i18n-datatype", "compound-literal" or null (base direction is dropped in RDF).</summary>
    public string? RdfDirection { get; init; }

    /// <summary>Emit triples with blank node predicates.</summary>
    public bool ProduceGeneralizedRdf { get; init; }

    /// <summary>Process map entries in lexicographical key order for reproducible output.</summary>
    public bool Ordered { get; init; }

    /// <summary>Loads remote contexts and documents; defaults to the offline loader with the bundled contexts.</summary>
    public IDocumentLoader DocumentLoader { get; init; } = BundledContextLoader.Instance;

    /// <summary>A cache of processed contexts shared between calls (and threads); null processes every context afresh per call.</summary>
    public JsonLdContextCache? ContextCache { get; init; }

    /// <summary>Resource limits.</summary>
    public JsonLdLimits Limits { get; init; } = new();

    internal bool IsJsonLd10 => ProcessingMode == JsonLd10;
}
