using System.CommandLine;

namespace Dataspace.Connector.Cli;

/// <summary>The action of the bare <c>dataspace policy</c> command: it only says which subcommand is missing.</summary>
public sealed class PolicyUsageAction(string problem) : PolicyCommandAction
{
    /// <inheritdoc />
    protected override int Run(ParseResult parseResult) => Usage(parseResult, [problem]);
}
