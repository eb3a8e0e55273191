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
        services.AddSingleton(s => AgreementKeys.LoadOrCreate(s.GetRequiredService<IOptions<ConnectorOptions>>().Value.Participant.DataFolder));
        // Redirects are refused: a data plane must not bounce this connector to another host.
        services.AddHttpClient(EdrFetch.HttpClientName, http => http.Timeout = TimeSpan.FromMinutes(5))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, TransferOutboxHandler>());
        return services;
    }

    /// <summary>Maps the DSP transfer endpoints (both sides), the management endpoints and the FHIR pull data plane.</summary>
    public static IEndpointRouteBuilder MapTransfer(this IEndpointRouteBuilder app)
    {
        app.MapDspTransfer();
        app.MapTransferManagement();
        app.MapDataPlane();
        return app;
    }
}
