using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>Adds the outbox once, however many features (negotiation, transfer) ask for it.</summary>
public static class OutboxRegistration
{
    /// <summary>The outbox, its store and signal, and the dispatcher that sends its entries.</summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services)
    {
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<Outbox>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDispatcher>());
        return services;
    }
}
