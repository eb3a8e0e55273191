using Dataspace.Connector.Identity;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Hosting;

/// <summary>A started connector: migrated database, Kestrel listening, identity ready.</summary>
public sealed class RunningConnector : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningConnector(WebApplication app, ConnectorOptions options)
    {
        _app = app;
        Options = options;
        Identity = app.Services.GetRequiredService<ParticipantIdentity>();
    }

    public ConnectorOptions Options { get; }

    public ParticipantIdentity Identity { get; }

    /// <summary>The connector's services, for tests and the demo to reach its clients and stores.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Migrates the database to the newest schema, then starts serving.</summary>
    public static async Task<RunningConnector> StartAsync(ConnectorOptions options, IConfiguration? configuration = null, CancellationToken cancellationToken = default)
    {
        var app = ConnectorHost.Build(options, configuration);
        try
        {
            await Migrator.MigrateAsync(app.Services.GetRequiredService<ConnectorDatabase>(), cancellationToken: cancellationToken);
            await app.StartAsync(cancellationToken);
            return new RunningConnector(app, options);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
