using Dataspace.Fhir.Api;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Export;
using Dataspace.Fhir.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Fhir;

/// <summary>Registers the FHIR store and facade; the host supplies the <c>ConnectorDatabase</c> and a <see cref="TimeProvider"/>.</summary>
public static class FhirServiceCollectionExtensions
{
    /// <summary>Adds the store, the write services, Bulk Data export and the facade's filters; map the routes with <see cref="FhirEndpoints.MapFhir"/>.</summary>
    public static IServiceCollection AddFhir(this IServiceCollection services, Action<FhirOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<IFhirStore, SqlFhirStore>();
        services.AddSingleton<FhirResourceService>();
        services.AddSingleton<TransactionProcessor>();
        services.AddSingleton<ExportJobs>();
        services.AddSingleton<FhirAccessFilter>();
        services.AddSingleton<FhirErrorFilter>();
        return services;
    }
}
