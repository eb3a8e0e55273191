using System.Net;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// The negotiation federation (provider hospital, partner hospital, research institute on loopback) with negotiations
/// answered automatically, so an agreement is quick to get; the provider starts transfers by itself or by hand.
/// Every connector stores its state on <see cref="Storage"/>: SQLite, or PostgreSQL with a schema of its own.
/// </summary>
public abstract class TransferFederation(bool autoStart, TestStorage storage) : IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _agreements = new(StringComparer.Ordinal);

    /// <summary>A federation on SQLite.</summary>
    protected TransferFederation(bool autoStart)
        : this(autoStart, TestStorage.Sqlite)
    {
    }

    /// <summary>Where the three connectors keep their state.</summary>
    public TestStorage Storage => storage;

    public RunningConnector Provider { get; private set; } = null!;
    public RunningConnector Consumer { get; private set; } = null!;
    public RunningConnector Research { get; private set; } = null!;

    /// <summary>
    /// Skips the calling test visibly when the federation could not start for want of its storage (PostgreSQL without
    /// <see cref="TestPostgres.Variable"/>); test classes on a federation of PostgreSQL call it from their constructor.
    /// </summary>
    public void RequireStorage() => TestStorages.Require(storage);

    public async Task InitializeAsync()
    {
        // A fixture cannot skip, so without PostgreSQL it starts nothing and each test skips through RequireStorage.
        if (!TestStorages.IsAvailable(storage))
            return;
        var (provider, consumer, research) = NegotiationFederation.Participants(
            storage == TestStorage.Postgres ? TestPostgres.ConnectionString : null, autoRespond: true);
        foreach (var options in new[] { provider, consumer, research })
            options.Transfer.AutoStart = autoStart;
        Provider = await TestConnectors.StartAsync(provider);
        Consumer = await TestConnectors.StartAsync(consumer);
        Research = await TestConnectors.StartAsync(research);
        using var management = new ManagementClient(Provider);
        await NegotiationSeed.SeedAsync(management);
        await FhirPullSeed.SeedAsync(management);
    }

    /// <summary>
    /// The id of a finalized agreement between <paramref name="consumer"/> (default: the partner hospital) and the provider
    /// on <paramref name="offerId"/> (default: cardiology), negotiated once.
    /// </summary>
    public async Task<string> AgreementAsync(string? offerId = null, RunningConnector? consumer = null)
    {
        offerId ??= NegotiationSeed.CardiologyOffer;
        consumer ??= Consumer;
        await _gate.WaitAsync();
        try
        {
            var key = offerId + " " + consumer.Identity.Did;
            if (!_agreements.TryGetValue(key, out var agreementId))
            {
                var started = await NegotiationDriver.PostAsync(consumer, "negotiations",
                    new JsonObject { ["counterPartyDid"] = Provider.Identity.Did, ["offerId"] = offerId }, HttpStatusCode.Created);
                var view = await NegotiationDriver.StateAsync(consumer, started.GetProperty("id").GetString()!, "FINALIZED");
                agreementId = view.GetProperty("agreement").GetProperty("@id").GetString()!;
                // The provider stores its copy when the consumer acknowledges FINALIZED.
                await NegotiationDriver.StateAsync(Provider, view.GetProperty("providerPid").GetString()!, "FINALIZED");
                _agreements[key] = agreementId;
            }
            return agreementId;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (Research is not null)
            await Research.DisposeAsync();
        if (Consumer is not null)
            await Consumer.DisposeAsync();
        if (Provider is not null)
            await Provider.DisposeAsync();
        _gate.Dispose();
    }
}

/// <summary>Transfers started by hand, as the TCK drives a provider.</summary>
public sealed class ManualTransferFederation() : TransferFederation(autoStart: false);

/// <summary>The provider starts every valid request on its own.</summary>
public sealed class AutoTransferFederation() : TransferFederation(autoStart: true);

/// <summary><see cref="ManualTransferFederation"/> with every connector on PostgreSQL.</summary>
public sealed class PostgresManualTransferFederation() : TransferFederation(autoStart: false, TestStorage.Postgres);

/// <summary><see cref="AutoTransferFederation"/> with every connector on PostgreSQL.</summary>
public sealed class PostgresAutoTransferFederation() : TransferFederation(autoStart: true, TestStorage.Postgres);
