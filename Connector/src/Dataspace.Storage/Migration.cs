namespace Dataspace.Connector.Storage;

/// <summary>One versioned schema change, written once per dialect.</summary>
/// <param name="Version">Strictly increasing; recorded in <c>schema_version</c> once applied.</param>
/// <param name="Name">What the change is for.</param>
/// <param name="Sqlite">The SQLite statements.</param>
/// <param name="Postgres">The PostgreSQL statements.</param>
public sealed record Migration(int Version, string Name, string Sqlite, string Postgres)
{
    /// <summary>The statements for one dialect.</summary>
    public string SqlFor(SqlDialect dialect) => dialect == SqlDialect.Sqlite ? Sqlite : Postgres;
}
