using System.CommandLine;

namespace Dataspace.Connector.Cli;

/// <summary>The <c>dataspace</c> command line: one executable, one subcommand per job.</summary>
public static class DataspaceCli
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen subcommand; returns the process exit code.</summary>
    public static Task<int> InvokeAsync(string[] args)
    {
        var root = new RootCommand("Dataspace: a federated dataspace connector for health data (DSP 2025-1, ODRL, FHIR, consent ledger).")
        {
            RunCommand.Create(),
            DemoCommand.Create(),
            JsonLdCommand.Create(),
            PolicyCommand.Create(),
            LedgerCommand.Create(),
            Bench.BenchCommand.Create(),
        };
        return root.Parse(args).InvokeAsync();
    }
}
