using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Protocol;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary>Prints where each running connector can be reached.</summary>
public static class ConnectorTable
{
    /// <summary>Writes one row per connector (name, DID, URL), then the paths every connector serves below its URL.</summary>
    public static void Write(IAnsiConsole console, IEnumerable<RunningConnector> connectors)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Participant").AddColumn("DID").AddColumn("URL");
        foreach (var connector in connectors)
        {
            var participant = connector.Options.Participant;
            table.AddRow(
                Markup.Escape($"{participant.DisplayName} ({participant.Country})"),
                Markup.Escape(connector.Identity.Did),
                Markup.Escape(connector.Identity.PublicUrl.ToString().TrimEnd('/')));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape(
            $"Below each URL: DSP {DspPaths.Base} · DID {DspPaths.DidDocument} · versions {DspPaths.VersionMetadata} · " +
            $"management {ParticipantEndpoints.Base} (X-Api-Key) · OpenAPI /openapi/management.json · health /health/ready"));
    }
}
