using Dataspace.Connector.Storage.Postgres;

namespace Dataspace.Fhir.Tests.Support;

/// <summary>PostgreSQL for tests: the server named by <c>DATASPACE_TEST_POSTGRES</c>, a fresh schema per database.</summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding an Npgsql connection string.</summary>
    public const string Variable = "DATASPACE_TEST_POSTGRES";

    /// <summary>A new database in its own schema; skips (visibly, with the reason) when no server is configured.</summary>
    public static PostgresDatabase NewDatabase()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrEmpty(connectionString), $"{Variable} is not set: PostgreSQL tests run in CI (.ci/run starts a server).");
        return new PostgresDatabase(connectionString!, "t_" + Guid.NewGuid().ToString("n"));
    }
}
