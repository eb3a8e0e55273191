namespace Dataspace.Connector.Cli;

/// <summary>The JSON-LD API method a <c>dataspace jsonld</c> subcommand runs.</summary>
public enum JsonLdCommandOperation
{
    /// <summary><c>expand</c>: JSON output.</summary>
    Expand,

    /// <summary><c>compact</c>: JSON output, compacted with <c>--context</c>.</summary>
    Compact,

    /// <summary><c>flatten</c>: JSON output, compacted when <c>--context</c> is given.</summary>
    Flatten,

    /// <summary><c>to-rdf</c>: N-Quads or Turtle output.</summary>
    ToRdf,
}
