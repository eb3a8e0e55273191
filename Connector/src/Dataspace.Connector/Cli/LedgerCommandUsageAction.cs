using System.CommandLine;

namespace Dataspace.Connector.Cli;

/// <summary>The action of a bare <c>dataspace ledger</c> or <c>ledger prove</c>: it only says which subcommand is missing.</summary>
public sealed class LedgerUsageAction(string problem) : LedgerCommandAction
{
    /// <inheritdoc />
    protected override Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken) => UsageAsync(parseResult, [problem]);
}
