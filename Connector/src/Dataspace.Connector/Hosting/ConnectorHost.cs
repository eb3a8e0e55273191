using System.Text.Json;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Management;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Catalog;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Postgres;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir;
using Dataspace.Fhir.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Hosting;

/// <summary>Composes one connector: services, middleware and endpoints on Kestrel.</summary>
public static class ConnectorHost
{
    /// <summary>Builds a connector host from validated options; <paramref name="configuration"/> may add logging settings.</summary>
    public static WebApplication Build(ConnectorOptions options, IConfiguration? configuration = null)
    {
        ConnectorOptionsValidator.ThrowIfInvalid(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConnectorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The connector reads only what it was given: no appsettings.json picked up from whatever folder it started in.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        if (configuration is not null)
            builder.Configuration.AddConfiguration(configuration);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.Limits.MaxRequestBodyBytes;
        });
        builder.WebHost.UseUrls(options.ListenUrl ?? ListenUrlFor(new Uri(options.Participant.PublicUrl)));
        builder.WebHost.UseSockets(LoopbackPorts.UseHeldSockets);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(15));
        ConfigureLogging(builder, options.LogFormat);

        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => CreateDatabase(options));
        var identity = new ParticipantIdentity(new Uri(options.Participant.PublicUrl), ParticipantKey.LoadOrCreate(options.Participant.DataFolder));
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton<Membership>();
        builder.Services.AddSingleton<SelfIssuedTokens>();
        builder.Services.AddSingleton<TokenReplayCache>();
        builder.Services.AddSingleton<SelfIssuedTokenValidator>();
        builder.Services.AddHostedService<TokenReplayPurge>();
        builder.Services.AddSingleton<CatalogStores>();
        builder.Services.AddSingleton<PolicyLibrary>();
        builder.Services.AddSingleton<ProviderCatalog>();
        builder.Services.AddSingleton<FederatedCatalog>();
        builder.Services.AddHostedService<FederatedCatalogCrawler>();
        builder.Services.AddNegotiation();
        builder.Services.AddTransfer();
        builder.Services.AddLedger(options);
        // FHIR resources are PHI: only operator keys open /fhir, and the regulator's key is refused even for reads.
        builder.Services.AddFhir(fhir =>
        {
            fhir.ApiKeys = options.Management.ApiKeys.Select(k => new FhirApiKey(k.Key, k.Role == ManagementRoles.Operator)).ToList();
            fhir.ExportFolder = Path.Combine(options.Participant.DataFolder, "fhir-export");
            fhir.MaxRequestBodyBytes = options.Limits.MaxRequestBodyBytes;
        });
        // Redirects are refused: a DID document or DSP endpoint must not bounce this connector to another host.
        builder.Services.AddHttpClient(DidResolver.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddHttpClient(DspClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<DidResolver>();
        builder.Services.AddSingleton<DspClient>();

        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi("management", openApi => openApi.ShouldInclude = description => description.GroupName == "management");
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.MaxDepth = options.Limits.MaxJsonDepth);

        var app = builder.Build();
        app.UseExceptionHandler(errors => errors.Run(HandleExceptionAsync));
        app.UseStatusCodePages();
        app.UseMiddleware<RequestLogging>();
        app.UseRouting();
        app.UseMiddleware<DspAuthenticationMiddleware>();

        app.MapGet(DspPaths.DidDocument, (ParticipantIdentity self) => Results.Json(self.Document, contentType: "application/did+json")).ExcludeFromDescription();
        app.MapVersionMetadata();
        app.MapDspCatalog();
        app.Map(DspPaths.Base + "/{**rest}", (HttpContext context) => DspError.ForPath(context.Request.Path, StatusCodes.Status404NotFound, "not found"))
            .ExcludeFromDescription();
        app.MapManagement();
        app.MapCatalogManagement();
        app.MapFederatedCatalog();
        app.MapNegotiation();
        app.MapTransfer();
        app.MapLedger();
        app.MapFhir();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapHealth();
        return app;
    }

    /// <summary>Where Kestrel listens when no <see cref="ConnectorOptions.ListenUrl"/> is given: the public URL's host and port.</summary>
    private static string ListenUrlFor(Uri publicUrl) => $"{publicUrl.Scheme}://{publicUrl.Host}:{publicUrl.Port}";

    private static ConnectorDatabase CreateDatabase(ConnectorOptions options) =>
        options.Storage.Provider.ToLowerInvariant() switch
        {
            "postgres" => new PostgresDatabase(options.Storage.ConnectionString!, options.Storage.Schema),
            _ => new SqliteDatabase(Path.Combine(options.Participant.DataFolder, "connector.db")),
        };

    private static void ConfigureLogging(WebApplicationBuilder builder, string format)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (format == "json")
            builder.Logging.AddJsonConsole(console => console.UseUtcTimestamp = true);
        else
            builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.TimestampFormat = "HH:mm:ss "; });
        // ASP.NET's own request logs include query strings, which may carry patient identifiers; ours do not.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
    }

    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        var message = status == StatusCodes.Status500InternalServerError ? "internal error" : "bad request";
        if (context.Request.Path.StartsWithSegments(DspPaths.Base))
        {
            await DspError.ForPath(context.Request.Path, status, message).ExecuteAsync(context);
            return;
        }
        await Results.Problem(statusCode: status, title: message).ExecuteAsync(context);
    }
}
