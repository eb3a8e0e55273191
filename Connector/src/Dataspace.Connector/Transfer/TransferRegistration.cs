using Dataspace.Connector.Hosting;
using Dataspace.Connector.Protocol.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>Wires the transfer process into a connector host.</summary>
public static class TransferRegistration
{
    /// <summary>Adds the transfer services, the data plane's enforcement services and the outbox that delivers their messages.</summary>
    public static IServiceCollection AddTransfer(this IServiceCollection services)
    {
        services.AddOutbox();
        services.AddSingleton<TransferStore>();
        services.AddSingleton<TransferActions>();
        services.AddSingleton<TransferProtocol>();
        services.AddSingleton<AgreementUses>();
        services.AddSingleton<AgreementPolicies>();
        services.AddSingleton<PatientConsents>();
        services.AddSingleton<DataRelease>();
        services.AddFhirSource();
        services.AddSingleton(s => AgreementKeys.LoadOrCreate(s.GetRequiredService<IOptions<ConnectorOptions>>().Value.Participant.DataFolder));
        services.AddSingleton(s => PseudonymisationProfiles.LoadOrThrow(s.GetRequiredService<IOptions<ConnectorOptions>>().Value.Transfer.ProfilesFolder));
        services.AddSingleton<EdrRefreshService>();
        services.AddSingleton<EdrRefresher>();
        // Redirects are refused: a data plane must not bounce this connector to another host.
        services.AddHttpClient(EdrFetch.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<PushDelivery>();
        services.AddSingleton<PushInbox>();
        // Pushes: no redirects either; each push sets its own timeout; the body waits for the receiver's 100 Continue.
        services.AddHttpClient(PushDelivery.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, Expect100ContinueTimeout = TimeSpan.FromSeconds(10) });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, TransferOutboxHandler>());
        return services;
    }

    /// <summary>Maps the DSP transfer endpoints (both sides), the management endpoints, the FHIR pull data plane and the push receiver.</summary>
    public static IEndpointRouteBuilder MapTransfer(this IEndpointRouteBuilder app)
    {
        app.MapDspTransfer();
        app.MapTransferManagement();
        app.MapDataPlane();
        app.MapPushReceiver();
        return app;
    }
}
