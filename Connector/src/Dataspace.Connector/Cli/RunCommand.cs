using System.CommandLine;
using Dataspace.Connector.Hosting;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary><c>dataspace run --config FILE</c>: one connector, until Ctrl+C or SIGTERM.</summary>
public static class RunCommand
{
    /// <summary>Exit code for a configuration that cannot run.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config", "-c")
        {
            Description = "Connector configuration (JSON). Dataspace__* environment variables override it.",
            Required = true,
        };
        var command = new Command("run", "Run one connector.") { config };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(config), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo configFile, CancellationToken cancellationToken)
    {
        RunningConnector connector;
        try
        {
            var (options, configuration) = ConnectorConfiguration.Load(configFile.FullName);
            connector = await RunningConnector.StartAsync(options, configuration, cancellationToken);
        }
        catch (ConnectorConfigurationException e)
        {
            await Console.Error.WriteLineAsync("Configuration error:" + Environment.NewLine + e.Message);
            return ConfigurationError;
        }
        await using (connector)
        {
            ConnectorTable.Write(AnsiConsole.Console, [connector]);
            AnsiConsole.MarkupLine("[grey]Press Ctrl+C to stop.[/]");
            await connector.WaitForShutdownAsync(cancellationToken);
        }
        return 0;
    }
}
