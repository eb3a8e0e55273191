using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Ledger;

/// <summary>Witnesses the configured peers every <see cref="LedgerOptions.WitnessInterval"/> (zero: only on demand, through the management API).</summary>
public sealed class LedgerWitnessSchedule(LedgerWitness witness, IOptions<ConnectorOptions> options) : BackgroundService
{
    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ledger = options.Value.Ledger;
        if (ledger.WitnessInterval == TimeSpan.Zero || ledger.WitnessPeers.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(ledger.WitnessInterval);
        try
        {
            // The first tick waits one interval: peers starting together are not yet serving when this one starts.
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await witness.WitnessAllAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
