using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Hosting;

/// <summary>Liveness (the process answers) and readiness (the database is reachable and fully migrated).</summary>
public static class Health
{
    /// <summary>Maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" })).ExcludeFromDescription();
        app.MapGet("/health/ready", async (ConnectorDatabase database, CancellationToken cancellationToken) =>
        {
            try
            {
                var version = await Migrator.CurrentVersionAsync(database, cancellationToken);
                var expected = Migrations.All[^1].Version;
                return version == expected
                    ? Results.Ok(new { status = "ready", schemaVersion = version })
                    : Results.Json(new { status = "migrating", schemaVersion = version }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
            {
                return Results.Json(new { status = "database unavailable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
            }
        }).ExcludeFromDescription();
    }
}
