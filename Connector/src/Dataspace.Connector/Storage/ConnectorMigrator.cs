namespace Dataspace.Connector.Storage;

/// <summary>Lets the connector migrate to its own schema, <see cref="Migrations.All"/>, without naming the list each time.</summary>
public static class ConnectorMigrator
{
    extension(Migrator)
    {
        /// <summary>Applies every connector migration newer than the recorded version; returns the versions applied.</summary>
        public static Task<IReadOnlyList<int>> MigrateAsync(ConnectorDatabase database, CancellationToken cancellationToken = default) =>
            Migrator.MigrateAsync(database, Migrations.All, cancellationToken);
    }
}
