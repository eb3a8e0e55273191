using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.JsonLd.Compaction;
using Dataspace.JsonLd.Context;
using Dataspace.JsonLd.Expansion;
using Dataspace.JsonLd.Flattening;
using Dataspace.JsonLd.Json;
using Dataspace.JsonLd.Rdf;

namespace Dataspace.JsonLd;

/// <summary>The JSON-LD 1.1 API: expand, compact, flatten and toRdf over System.Text.Json documents or documents loaded by IRI.</summary>
public static class JsonLdProcessor
{
    /// <summary>Expands a JSON-LD document given as a JsonNode.</summary>
    public static JsonArray Expand(JsonNode? input, JsonLdOptions? options = null) =>
        (JsonArray)JsonModel.ToNode(Run(Input.FromNode(input), options, ExpandInternal))!;

    /// <summary>Expands a JSON-LD document given as a JsonElement (the fastest input form).</summary>
    public static JsonArray Expand(JsonElement input, JsonLdOptions? options = null) =>
        (JsonArray)JsonModel.ToNode(Run(Input.FromElement(input), options, ExpandInternal))!;

    /// <summary>Expands the document at <paramref name="documentUrl"/>, loaded through the options' document loader.</summary>
    public static JsonArray Expand(Uri documentUrl, JsonLdOptions? options = null) =>
        (JsonArray)JsonModel.ToNode(Run(Input.FromUrl(documentUrl), options, ExpandInternal))!;

    /// <summary>Compacts a document with <paramref name="context"/> (a context, or an object with an @context entry).</summary>
    public static JsonObject Compact(JsonNode? input, JsonNode? context, JsonLdOptions? options = null) =>
        (JsonObject)JsonModel.ToNode(Run(Input.FromNode(input), options, (state, document) => CompactInternal(state, document, ContextArgument(state, context))))!;

    /// <summary>Compacts a document given as a JsonElement.</summary>
    public static JsonObject Compact(JsonElement input, JsonNode? context, JsonLdOptions? options = null) =>
        (JsonObject)JsonModel.ToNode(Run(Input.FromElement(input), options, (state, document) => CompactInternal(state, document, ContextArgument(state, context))))!;

    /// <summary>Compacts the document at <paramref name="documentUrl"/> with <paramref name="context"/>.</summary>
    public static JsonObject Compact(Uri documentUrl, JsonNode? context, JsonLdOptions? options = null) =>
        (JsonObject)JsonModel.ToNode(Run(Input.FromUrl(documentUrl), options, (state, document) => CompactInternal(state, document, ContextArgument(state, context))))!;

    /// <summary>Flattens a document; with a <paramref name="context"/> the result is compacted and has an @graph entry.</summary>
    public static JsonNode Flatten(JsonNode? input, JsonNode? context = null, JsonLdOptions? options = null) =>
        JsonModel.ToNode(Run(Input.FromNode(input), options, (state, document) => FlattenInternal(state, document, ContextArgument(state, context), context is not null)))!;

    /// <summary>Flattens a document given as a JsonElement.</summary>
    public static JsonNode Flatten(JsonElement input, JsonNode? context = null, JsonLdOptions? options = null) =>
        JsonModel.ToNode(Run(Input.FromElement(input), options, (state, document) => FlattenInternal(state, document, ContextArgument(state, context), context is not null)))!;

    /// <summary>Flattens the document at <paramref name="documentUrl"/>.</summary>
    public static JsonNode Flatten(Uri documentUrl, JsonNode? context = null, JsonLdOptions? options = null) =>
        JsonModel.ToNode(Run(Input.FromUrl(documentUrl), options, (state, document) => FlattenInternal(state, document, ContextArgument(state, context), context is not null)))!;

    /// <summary>Converts a document to an RDF dataset.</summary>
    public static RdfDataset ToRdfDataset(JsonNode? input, JsonLdOptions? options = null) =>
        Run(Input.FromNode(input), options, ToRdfInternal);

    /// <summary>Converts a document given as a JsonElement to an RDF dataset.</summary>
    public static RdfDataset ToRdfDataset(JsonElement input, JsonLdOptions? options = null) =>
        Run(Input.FromElement(input), options, ToRdfInternal);

    /// <summary>Converts the document at <paramref name="documentUrl"/> to an RDF dataset.</summary>
    public static RdfDataset ToRdfDataset(Uri documentUrl, JsonLdOptions? options = null) =>
        Run(Input.FromUrl(documentUrl), options, ToRdfInternal);

    /// <summary>Converts a document to RDF, serialized as N-Quads.</summary>
    public static string ToRdf(JsonNode? input, JsonLdOptions? options = null) => ToRdfDataset(input, options).ToNQuads();

    /// <summary>Converts a document given as a JsonElement to RDF, serialized as N-Quads.</summary>
    public static string ToRdf(JsonElement input, JsonLdOptions? options = null) => ToRdfDataset(input, options).ToNQuads();

    /// <summary>Converts the document at <paramref name="documentUrl"/> to RDF, serialized as N-Quads.</summary>
    public static string ToRdf(Uri documentUrl, JsonLdOptions? options = null) => ToRdfDataset(documentUrl, options).ToNQuads();

    private static T Run<T>(Input input, JsonLdOptions? options, Func<ProcessingState, LoadedInput, T> operation)
    {
        options ??= new JsonLdOptions();
        Validate(options);
        var state = new ProcessingState(options);
        return operation(state, input.Load(state));
    }

    private static void Validate(JsonLdOptions options)
    {
        if (options.ProcessingMode is not (JsonLdOptions.JsonLd10 or JsonLdOptions.JsonLd11))
        {
            throw new ArgumentException($"processingMode must be \"{JsonLdOptions.JsonLd10}\" or \"{JsonLdOptions.JsonLd11}\"", nameof(options));
        }

        if (options.RdfDirection is not (null or JsonLdOptions.I18nDatatype or JsonLdOptions.CompoundLiteral))
        {
            throw new ArgumentException($"rdfDirection must be null, \"{JsonLdOptions.I18nDatatype}\" or \"{JsonLdOptions.CompoundLiteral}\"", nameof(options));
        }

        ArgumentNullException.ThrowIfNull(options.DocumentLoader, nameof(options.DocumentLoader));
        ArgumentNullException.ThrowIfNull(options.Limits, nameof(options.Limits));
    }

    private static JsonList ExpandInternal(ProcessingState state, LoadedInput document)
    {
        var options = state.Options;
        var active = InitialContext(state, options.Base ?? document.DocumentUrl);
        if (options.ExpandContext is { } expandContext)
        {
            var context = JsonModel.FromNode(expandContext, options.Limits.MaxJsonDepth, 0);
            if (context is JsonMap map && map.TryGetValue(Keywords.Context, out var inner))
            {
                context = inner;
            }

            active = ContextProcessing.Process(state, active, context, active.OriginalBaseUrl);
        }

        if (document.ContextUrl is { } contextUrl)
        {
            active = ContextProcessing.Process(state, active, contextUrl, contextUrl);
        }

        return new Expander(state).ExpandDocument(active, document.Document, document.DocumentUrl ?? options.Base);
    }

    private static ActiveContext InitialContext(ProcessingState state, string? baseIri) =>
        state.Options.ContextCache?.InitialContext(baseIri, state.IsJsonLd10) ?? new ActiveContext(baseIri);

    private static object? ContextArgument(ProcessingState state, JsonNode? context)
    {
        var value = JsonModel.FromNode(context, state.Options.Limits.MaxJsonDepth, 0);
        return value is JsonMap map && map.TryGetValue(Keywords.Context, out var inner) ? inner : value;
    }

    private static JsonMap CompactInternal(ProcessingState state, LoadedInput document, object? context)
    {
        var expanded = ExpandInternal(state, document);
        return CompactExpanded(state, expanded, context, document.DocumentUrl, forceGraph: false);
    }

    private static JsonMap CompactExpanded(ProcessingState state, JsonList expanded, object? context, string? documentUrl, bool forceGraph)
    {
        var options = state.Options;
        var baseIri = options.Base ?? documentUrl;
        var active = ContextProcessing.Process(state, InitialContext(state, baseIri), context, baseIri);
        var compactor = new Compactor(state);
        var compacted = compactor.Compact(active, null, expanded);
        JsonMap result;
        if (compacted is JsonList list)
        {
            result = list.Count == 0 && !forceGraph
                ? []
                : new JsonMap { [compactor.CompactIri(active, Keywords.Graph, vocab: true)!] = list };
        }
        else if (forceGraph)
        {
            result = new JsonMap { [compactor.CompactIri(active, Keywords.Graph, vocab: true)!] = compacted is null ? new JsonList() : new JsonList { compacted } };
        }
        else
        {
            result = compacted as JsonMap ?? [];
        }

        if (context is not null && !(context is JsonMap { Count: 0 }) && !(context is JsonList { Count: 0 }))
        {
            var withContext = new JsonMap { [Keywords.Context] = context };
            foreach (var (key, value) in result)
            {
                withContext[key] = value;
            }

            result = withContext;
        }

        return result;
    }

    private static object FlattenInternal(ProcessingState state, LoadedInput document, object? context, bool compact)
    {
        var expanded = ExpandInternal(state, document);
        var flattened = Flattener.Flatten(expanded, state.Options.Ordered);
        return compact ? CompactExpanded(state, flattened, context, document.DocumentUrl, forceGraph: true) : flattened;
    }

    private static RdfDataset ToRdfInternal(ProcessingState state, LoadedInput document)
    {
        var expanded = ExpandInternal(state, document);
        return RdfSerialization.ToDataset(expanded, state.Options);
    }
}
