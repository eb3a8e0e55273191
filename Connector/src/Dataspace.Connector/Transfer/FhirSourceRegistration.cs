using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>Wires the data plane's <see cref="IFhirSource"/>: the embedded store, or the external server <c>Transfer:FhirSource</c> names.</summary>
public static class FhirSourceRegistration
{
    /// <summary>Adds both sources, the one the configuration picks as <see cref="IFhirSource"/>, and the external server's HTTP client.</summary>
    public static IServiceCollection AddFhirSource(this IServiceCollection services)
    {
        services.AddSingleton<EmbeddedFhirSource>();
        services.AddSingleton<ExternalFhirSource>();
        services.AddSingleton<IFhirSource>(s => s.GetRequiredService<IOptions<ConnectorOptions>>().Value.Transfer.FhirSource.IsExternal
            ? s.GetRequiredService<ExternalFhirSource>()
            : s.GetRequiredService<EmbeddedFhirSource>());
        // Redirects are refused, as on every data-plane client: the configured server is the only one read.
        services.AddHttpClient(ExternalFhirSource.HttpClientName, (s, http) =>
            {
                var source = s.GetRequiredService<IOptions<ConnectorOptions>>().Value.Transfer.FhirSource;
                http.Timeout = source.Timeout;
                foreach (var (name, value) in source.Headers)
                    http.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        return services;
    }
}
