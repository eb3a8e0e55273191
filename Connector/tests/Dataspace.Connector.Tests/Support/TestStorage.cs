namespace Dataspace.Connector.Tests.Support;

/// <summary>Where a test's connectors keep their state: embedded SQLite, or PostgreSQL (each connector its own schema).</summary>
public enum TestStorage
{
    Sqlite,
    Postgres,
}

/// <summary>Turns a <see cref="TestStorage"/> into connector options.</summary>
public static class TestStorages
{
    /// <summary>
    /// The PostgreSQL connection string for <see cref="TestConnectors.Options"/> (null for SQLite); skips the test visibly
    /// when PostgreSQL is asked for and <see cref="TestPostgres.Variable"/> is not set. Call it from a test, not a fixture.
    /// </summary>
    public static string? Require(TestStorage storage) => storage == TestStorage.Postgres ? TestPostgres.Require() : null;

    /// <summary>Whether connectors on <paramref name="storage"/> can start here (PostgreSQL needs <see cref="TestPostgres.Variable"/>).</summary>
    public static bool IsAvailable(TestStorage storage) => storage == TestStorage.Sqlite || TestPostgres.ConnectionString is not null;
}
