using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Dataspace.Connector.Cli;

/// <summary>Base of the <c>dataspace ledger</c> actions: parse errors and unreadable sources exit with <see cref="LedgerCommand.InputError"/>.</summary>
public abstract class LedgerCommandAction : AsynchronousCommandLineAction
{
    // Parse errors must reach InvokeAsync: System.CommandLine's own exit code for them is 1, which here means "did not verify".
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public sealed override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var problems = parseResult.Errors.Select(e => e.Message)
            .Concat(parseResult.UnmatchedTokens.Select(t => $"Unrecognized argument '{t}'."))
            .ToList();
        if (problems.Count > 0)
        {
            return await UsageAsync(parseResult, problems);
        }

        try
        {
            return await RunAsync(parseResult, cancellationToken);
        }
        catch (LedgerInputException e)
        {
            await Console.Error.WriteLineAsync($"ledger: {e.Message}");
            return LedgerCommand.InputError;
        }
    }

    /// <summary>Runs the command once the command line parsed; throws <see cref="LedgerInputException"/> for a source it cannot read.</summary>
    protected abstract Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken);

    /// <summary>Prints <paramref name="problems"/> and a pointer to help on stderr; returns <see cref="LedgerCommand.InputError"/>.</summary>
    protected static async Task<int> UsageAsync(ParseResult parseResult, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(problems);
        // The root command's name is the host executable's (testhost, dotnet), so the path is spelled from "dataspace" down.
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }

        var command = string.Join(' ', names.Prepend("dataspace"));
        foreach (var problem in problems)
        {
            await Console.Error.WriteLineAsync($"{command}: {problem}");
        }

        await Console.Error.WriteLineAsync($"See '{command} --help'.");
        return LedgerCommand.InputError;
    }
}
