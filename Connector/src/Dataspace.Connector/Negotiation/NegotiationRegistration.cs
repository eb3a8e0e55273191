using Dataspace.Connector.Protocol.Outbox;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dataspace.Connector.Negotiation;

/// <summary>Wires contract negotiation into a connector host.</summary>
public static class NegotiationRegistration
{
    /// <summary>Adds the negotiation services and the outbox that delivers their messages.</summary>
    public static IServiceCollection AddNegotiation(this IServiceCollection services)
    {
        services.AddOutbox();
        services.AddSingleton<NegotiationStore>();
        services.AddSingleton<ContractOffers>();
        services.AddSingleton<NegotiationProtocol>();
        services.AddSingleton<NegotiationActions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOutboxHandler, NegotiationOutboxHandler>());
        services.AddHostedService<AgreementLedgerRecorder>();
        return services;
    }

    /// <summary>Maps the DSP negotiation endpoints (both sides) and the management endpoints.</summary>
    public static IEndpointRouteBuilder MapNegotiation(this IEndpointRouteBuilder app)
    {
        app.MapDspNegotiation();
        app.MapNegotiationManagement();
        return app;
    }
}
