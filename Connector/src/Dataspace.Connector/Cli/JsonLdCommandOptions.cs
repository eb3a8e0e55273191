using System.CommandLine;
using Dataspace.JsonLd;

namespace Dataspace.Connector.Cli;

/// <summary>The argument and options of one <c>dataspace jsonld</c> subcommand: the JSON-LD API options as flags, plus where documents may come from.</summary>
public sealed class JsonLdCommandOptions
{
    /// <summary>Creates the symbols for <paramref name="operation"/> and adds them to <paramref name="command"/>.</summary>
    public JsonLdCommandOptions(JsonLdCommandOperation operation, Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(File);
        if (operation is JsonLdCommandOperation.Compact or JsonLdCommandOperation.Flatten)
        {
            command.Options.Add(Context);
        }

        // Every subcommand takes every JsonLdOptions flag, as every method of the JSON-LD API takes the same options object.
        command.Options.Add(Base);
        command.Options.Add(ExpandContext);
        command.Options.Add(ProcessingMode);
        command.Options.Add(CompactArrays);
        command.Options.Add(CompactToRelative);
        command.Options.Add(RdfDirection);
        command.Options.Add(ProduceGeneralizedRdf);
        command.Options.Add(Ordered);
        if (operation == JsonLdCommandOperation.ToRdf)
        {
            command.Options.Add(OutputFormat);
        }

        command.Options.Add(Map);
        command.Options.Add(AllowRemote);
    }

    /// <summary>The input document.</summary>
    public Argument<string> File { get; } = new("FILE")
    {
        Description = "The JSON-LD document: a local file, '-' for standard input, or an http(s) URL (loaded through --map and --allow-remote).",
    };

    /// <summary><c>--context FILE</c> (compact, flatten).</summary>
    public Option<string?> Context { get; } = new("--context")
    {
        Description = "Context to compact with: a JSON file holding a context or an object with @context, or a context URL.",
        HelpName = "FILE",
    };

    /// <summary><c>--base IRI</c>.</summary>
    public Option<string?> Base { get; } = new("--base")
    {
        Description = "The document URL: the base IRI for relative IRIs and relative context references (default: none for a local file; a FILE inside a --map folder is the document at the mapped URL, and --base then only sets the base IRI).",
        HelpName = "IRI",
    };

    /// <summary><c>--expand-context FILE</c>.</summary>
    public Option<string?> ExpandContext { get; } = new("--expand-context")
    {
        Description = "A context applied before the document's own (expandContext): a JSON file or a context URL.",
        HelpName = "FILE",
    };

    /// <summary><c>--processing-mode</c>.</summary>
    public Option<string> ProcessingMode { get; } = new Option<string>("--processing-mode")
    {
        Description = "JSON-LD processing mode.",
        DefaultValueFactory = _ => JsonLdOptions.JsonLd11,
    }.AcceptOnlyFromAmong(JsonLdOptions.JsonLd10, JsonLdOptions.JsonLd11);

    /// <summary><c>--compact-arrays true|false</c>.</summary>
    public Option<bool> CompactArrays { get; } = new("--compact-arrays")
    {
        Description = "Replace one-element arrays by their element when compacting (true|false).",
        DefaultValueFactory = _ => true,
    };

    /// <summary><c>--compact-to-relative true|false</c>.</summary>
    public Option<bool> CompactToRelative { get; } = new("--compact-to-relative")
    {
        Description = "Make IRIs relative to the base IRI when compacting (true|false).",
        DefaultValueFactory = _ => true,
    };

    /// <summary><c>--rdf-direction</c>.</summary>
    public Option<string?> RdfDirection { get; } = new Option<string?>("--rdf-direction")
    {
        Description = "How @direction becomes RDF (default: dropped).",
    }.AcceptOnlyFromAmong(JsonLdOptions.I18nDatatype, JsonLdOptions.CompoundLiteral);

    /// <summary><c>--produce-generalized-rdf</c>.</summary>
    public Option<bool> ProduceGeneralizedRdf { get; } = new("--produce-generalized-rdf")
    {
        Description = "Keep triples whose predicate is a blank node (N-Quads output only).",
    };

    /// <summary><c>--ordered</c>.</summary>
    public Option<bool> Ordered { get; } = new("--ordered")
    {
        Description = "Process object keys in lexicographical order, for reproducible output.",
    };

    /// <summary><c>--output-format nquads|turtle</c> (to-rdf).</summary>
    public Option<string> OutputFormat { get; } = new Option<string>("--output-format")
    {
        Description = "RDF syntax: N-Quads, or Turtle (TriG when the dataset has named graphs).",
        DefaultValueFactory = _ => "nquads",
    }.AcceptOnlyFromAmong("nquads", "turtle");

    /// <summary><c>--map URL-PREFIX=FOLDER</c>, repeatable.</summary>
    public Option<string[]> Map { get; } = new("--map")
    {
        Description = "Read documents and contexts under URL-PREFIX from FOLDER instead of the network (repeatable; the longest prefix wins).",
        HelpName = "URL-PREFIX=FOLDER",
    };

    /// <summary><c>--allow-remote URL-PREFIX</c>, repeatable.</summary>
    public Option<string[]> AllowRemote { get; } = new("--allow-remote")
    {
        Description = "Allow fetching documents and contexts over HTTP(S) under this URL prefix (repeatable); nothing else is fetched.",
        HelpName = "URL-PREFIX",
    };
}
