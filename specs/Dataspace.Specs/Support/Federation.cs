using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.Extensions.Configuration;

namespace Dataspace.Specs.Support;

/// <summary>The connectors of one scenario: real Kestrel hosts on free loopback ports, stopped after the scenario.</summary>
public sealed class Federation : IAsyncDisposable
{
    private static readonly IConfiguration QuietLogging = new ConfigurationBuilder()
        .AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]).Build();

    private readonly Dictionary<string, RunningConnector> _connectors = new(StringComparer.Ordinal);

    /// <summary>The environment variable CI sets to a PostgreSQL connection string.</summary>
    public const string PostgresVariable = "DATASPACE_TEST_POSTGRES";

    public RunningConnector this[string name] => _connectors[name];

    /// <summary>Options for a participant on a free port with its own data folder, on SQLite or in its own PostgreSQL schema.</summary>
    public static ConnectorOptions Options(string name, string country, string? postgres)
    {
        var options = new ConnectorOptions
        {
            Participant =
            {
                Name = name,
                DisplayName = name,
                Country = country,
                PublicUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}",
                DataFolder = Path.Combine(Path.GetTempPath(), "dataspace-specs", Guid.NewGuid().ToString("n"), name),
            },
        };
        if (postgres is not null)
            options.Storage = new StorageOptions { Provider = "postgres", ConnectionString = postgres, Schema = "s_" + Guid.NewGuid().ToString("n") };
        return options;
    }

    /// <summary>The DID a participant will have once started.</summary>
    public static string Did(ConnectorOptions options) => DidWeb.FromUrl(new Uri(options.Participant.PublicUrl));

    /// <summary>Starts a connector and keeps it for the scenario.</summary>
    public async Task StartAsync(ConnectorOptions options) =>
        _connectors[options.Participant.Name] = await RunningConnector.StartAsync(options, QuietLogging);

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors.Values)
            await connector.DisposeAsync();
    }
}
