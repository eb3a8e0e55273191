namespace Dataspace.Connector.Tests.Support;

/// <summary>The PostgreSQL server CI provides through <c>DATASPACE_TEST_POSTGRES</c>; each user gets its own schema.</summary>
public static class TestPostgres
{
    /// <summary>The environment variable holding an Npgsql connection string.</summary>
    public const string Variable = "DATASPACE_TEST_POSTGRES";

    /// <summary>The connection string, or null when no server is configured.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips (visibly, with this reason) when no server is configured; CI always sets it.</summary>
    public static string Require()
    {
        Skip.If(ConnectionString is null, $"{Variable} is not set: PostgreSQL tests run in CI (.ci/run starts a server).");
        return ConnectionString!;
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("n");
}
