using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace Dataspace.Connector.Cli;

/// <summary>Base of the <c>dataspace policy</c> actions: usage errors exit with <see cref="PolicyCommand.InputError"/>, input problems too.</summary>
public abstract class PolicyCommandAction : SynchronousCommandLineAction
{
    // Parse errors must reach Invoke: System.CommandLine's own exit code for them is 1, which here means Deny.
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public sealed override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var problems = parseResult.Errors.Select(e => e.Message)
            .Concat(parseResult.UnmatchedTokens.Select(t => $"Unrecognized argument '{t}'."))
            .ToList();
        if (problems.Count > 0)
        {
            return Usage(parseResult, problems);
        }

        try
        {
            return Run(parseResult);
        }
        catch (PolicyInputException e)
        {
            foreach (var line in e.Problems)
            {
                Console.Error.WriteLine($"policy: {line}");
            }

            return PolicyCommand.InputError;
        }
    }

    /// <summary>Runs the command once the command line parsed; throws <see cref="PolicyInputException"/> for unusable input.</summary>
    protected abstract int Run(ParseResult parseResult);

    /// <summary>Prints <paramref name="problems"/> and a pointer to help on stderr; returns <see cref="PolicyCommand.InputError"/>.</summary>
    protected static int Usage(ParseResult parseResult, IEnumerable<string> problems) =>
        CliUsage.Print(parseResult, problems);
}
