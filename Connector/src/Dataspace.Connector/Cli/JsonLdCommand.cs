using System.CommandLine;

namespace Dataspace.Connector.Cli;

/// <summary><c>dataspace jsonld expand|compact|flatten|to-rdf FILE</c>: the JSON-LD 1.1 API on local files, offline unless <c>--allow-remote</c> says otherwise.</summary>
public static class JsonLdCommand
{
    /// <summary>Exit code when JSON-LD processing fails; stderr then reads <c>jsonld: &lt;error code&gt;: &lt;message&gt;</c>.</summary>
    public const int JsonLdError = 1;

    /// <summary>Exit code for a usage error or a file that cannot be read or written.</summary>
    public const int UsageError = CliUsage.ExitCode;

    /// <summary>Builds the command and its four subcommands.</summary>
    public static Command Create()
    {
        var command = new Command(
            "jsonld",
            "Expand, compact, flatten or convert to RDF a JSON-LD document (JSON-LD 1.1 API). Contexts come from the bundled set "
            + "(DSP 2025-1, ODRL 2.2, VC 1.1/2.0, security), from folders given with --map, and from the network only under --allow-remote prefixes.")
        {
            Subcommand(JsonLdCommandOperation.Expand, "expand", "Expand a document; prints the expanded JSON-LD."),
            Subcommand(JsonLdCommandOperation.Compact, "compact", "Compact a document with --context; prints the compacted JSON-LD."),
            Subcommand(JsonLdCommandOperation.Flatten, "flatten", "Flatten a document (compacted when --context is given); prints JSON-LD."),
            Subcommand(JsonLdCommandOperation.ToRdf, "to-rdf", "Convert a document to an RDF dataset; prints N-Quads (or Turtle/TriG with --output-format turtle)."),
        };
        command.Action = new JsonLdCommandAction(null, null);
        return command;
    }

    private static Command Subcommand(JsonLdCommandOperation operation, string name, string description)
    {
        var command = new Command(name, description);
        var options = new JsonLdCommandOptions(operation, command);
        command.Action = new JsonLdCommandAction(operation, options);
        return command;
    }
}
