using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Storage;
using Dataspace.Fhir.Consents;

namespace Dataspace.Connector.Ledger;

/// <summary>Registers the ledger's services: store, tree reads, the batched writer, pseudonyms, Consent entries and witnessing.</summary>
public static class LedgerComposition
{
    /// <summary>Adds the ledger; the pseudonym key file is created now, so a connector never runs without one.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, ConnectorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keyFile = options.Ledger.PseudonymKeyFile ?? Path.Combine(options.Participant.DataFolder, LedgerPseudonyms.DefaultFileName);
        services.AddSingleton(LedgerPseudonyms.LoadOrCreate(keyFile));
        services.AddSingleton<SubtreeCache>();
        services.AddSingleton<LedgerStore>();
        services.AddSingleton<LedgerTree>();
        services.AddSingleton<LedgerPatientIndex>();
        services.AddSingleton<AccessReports>();
        services.AddSingleton(s => new LedgerWriter(
            s.GetRequiredService<ConnectorDatabase>(), LedgerSigner.For(s.GetRequiredService<ParticipantIdentity>()),
            s.GetRequiredService<SubtreeCache>(), s.GetRequiredService<TimeProvider>()));
        services.AddSingleton(s => new LedgerService(s.GetRequiredService<LedgerWriter>(), options.Ledger.MaxBatchSize, s.GetRequiredService<ILogger<LedgerService>>()));
        // Redirects are refused for the same reason as for DID documents: a peer's ledger must not bounce this connector elsewhere.
        services.AddHttpClient(LedgerClient.HttpClientName, http =>
            {
                http.Timeout = TimeSpan.FromSeconds(30);
                http.MaxResponseContentBufferSize = LedgerClient.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<IConsentObserver, LedgerConsentObserver>();
        services.AddSingleton<LedgerWitness>();
        services.AddHostedService<LedgerWitnessSchedule>();
        return services;
    }
}
