namespace Dataspace.Connector.Identity;

/// <summary>Deletes expired token ids once a minute; the replay check itself never waits on this.</summary>
public sealed class TokenReplayPurge(TokenReplayCache cache, ILogger<TokenReplayPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await cache.PurgeExpiredAsync(stoppingToken);
                }
                catch (System.Data.Common.DbException e)
                {
                    logger.LogWarning(e, "Purging expired token ids failed; retrying in a minute");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
