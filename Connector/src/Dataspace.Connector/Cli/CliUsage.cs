using System.CommandLine;
using System.CommandLine.Parsing;

namespace Dataspace.Connector.Cli;

/// <summary>How every subcommand reports a usage or input error: one line per problem and a pointer to its help, on stderr.</summary>
public static class CliUsage
{
    /// <summary>Exit code of a usage or input error, the same for every subcommand (1 is taken by "deny" and "JSON-LD error").</summary>
    public const int ExitCode = 2;

    /// <summary>Prints <paramref name="problems"/> for the command <paramref name="parseResult"/> names; returns <see cref="ExitCode"/>.</summary>
    public static int Print(ParseResult parseResult, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        ArgumentNullException.ThrowIfNull(problems);
        // The root command's name is the host executable's (testhost, dotnet), so the path is spelled from "dataspace" down.
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result.Parent is CommandResult parent; result = parent)
            names.Insert(0, result.Command.Name);
        var command = string.Join(' ', names.Prepend("dataspace"));
        foreach (var problem in problems)
            Console.Error.WriteLine($"{command}: {problem}");
        Console.Error.WriteLine($"See '{command} --help'.");
        return ExitCode;
    }
}
