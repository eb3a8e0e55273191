using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Configuration;

namespace Dataspace.Connector.Tests.Support;

/// <summary>Builds connector options for tests: a free loopback port, a fresh data folder, keys for both management roles.</summary>
public static class TestConnectors
{
    public const string OperatorKey = "test-operator-key-0123456789";
    public const string RegulatorKey = "test-regulator-key-0123456789";

    /// <summary>Logging kept to warnings so test output stays readable.</summary>
    public static IConfiguration QuietLogging { get; } = new ConfigurationBuilder()
        .AddInMemoryCollection([new("Logging:LogLevel:Default", "Warning")]).Build();

    /// <summary>Options for one participant on SQLite, or on PostgreSQL in its own schema when <paramref name="postgres"/> is given.</summary>
    public static ConnectorOptions Options(string name, string? postgres = null) => new()
    {
        Participant =
        {
            Name = name,
            DisplayName = name,
            Country = "LU",
            PublicUrl = $"http://127.0.0.1:{LoopbackPorts.Next()}",
            DataFolder = TestPaths.NewTempFolder(),
        },
        Storage = postgres is null
            ? new StorageOptions { Provider = "sqlite" }
            : new StorageOptions { Provider = "postgres", ConnectionString = postgres, Schema = TestPostgres.NewSchema() },
        Management = { ApiKeys = [new() { Key = OperatorKey, Role = ManagementRoles.Operator }, new() { Key = RegulatorKey, Role = ManagementRoles.Regulator }] },
    };

    /// <summary>Starts a connector with quiet logging.</summary>
    public static Task<RunningConnector> StartAsync(ConnectorOptions options) => RunningConnector.StartAsync(options, QuietLogging);
}
