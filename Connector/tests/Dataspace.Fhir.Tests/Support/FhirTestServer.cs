using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Fhir.Api;
using Dataspace.Fhir.Consents;
using Dataspace.Fhir.Storage;
using Hl7.Fhir.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dataspace.Fhir.Tests.Support;

/// <summary>The FHIR facade alone on Kestrel on a free loopback port, over a fresh SQLite (or given) database.</summary>
public sealed class FhirTestServer : IAsyncDisposable
{
    /// <summary>An operator key: may read and write PHI.</summary>
    public const string OperatorKey = "operator-key-0123456789";

    /// <summary>A regulator key: known, but never admitted to PHI.</summary>
    public const string RegulatorKey = "regulator-key-0123456789";

    private readonly WebApplication _app;
    private readonly string _folder;

    private FhirTestServer(WebApplication app, string folder, string baseUrl)
    {
        _app = app;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    /// <summary>The facade's base URL, e.g. <c>http://127.0.0.1:5123/fhir</c>.</summary>
    public string BaseUrl { get; }

    /// <summary>The server's services (store, export jobs).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The Consent changes reported so far.</summary>
    public RecordingConsentObserver Consents => _app.Services.GetRequiredService<RecordingConsentObserver>();

    /// <summary>Starts a server; <paramref name="configure"/> may tighten limits.</summary>
    public static async Task<FhirTestServer> StartAsync(Action<FhirOptions>? configure = null, ConnectorDatabase? database = null)
    {
        var folder = Directory.CreateTempSubdirectory("fhir-test-").FullName;
        database ??= new SqliteDatabase(Path.Combine(folder, "fhir.db"));
        await Migrator.MigrateAsync(database, [FhirSchema.Migration(1)]);

        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RecordingConsentObserver>();
        builder.Services.AddSingleton<IConsentObserver>(sp => sp.GetRequiredService<RecordingConsentObserver>());
        builder.Services.AddFhir(fhir =>
        {
            fhir.ApiKeys = [new FhirApiKey(OperatorKey, MayAccessPhi: true), new FhirApiKey(RegulatorKey, MayAccessPhi: false)];
            fhir.ExportFolder = Path.Combine(folder, "export");
            configure?.Invoke(fhir);
        });
        var app = builder.Build();
        app.MapFhir();
        await app.StartAsync();
        return new FhirTestServer(app, folder, app.Urls.Single() + FhirEndpoints.Prefix);
    }

    /// <summary>A Firely client presenting <paramref name="key"/>.</summary>
    public FhirClient Client(string? key = OperatorKey, SearchParameterHandling? handling = null)
    {
        var settings = new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false, PreferredParameterHandling = handling };
        return new FhirClient(BaseUrl, Http(key), settings);
    }

    /// <summary>A plain HTTP client presenting <paramref name="key"/>, for what FhirClient does not do (Bulk Data, raw errors).</summary>
    public static HttpClient Http(string? key = OperatorKey)
    {
        var http = new HttpClient();
        if (key is not null)
            http.DefaultRequestHeaders.Add(FhirAccessFilter.Header, key);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a pooled connection; the temp folder is cleaned by the OS.
        }
    }
}
