using Dataspace.Connector.Hosting;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Catalog;

/// <summary>Crawls every member's catalog at start and then every <see cref="CatalogOptions.CrawlInterval"/>.</summary>
public sealed class FederatedCatalogCrawler(FederatedCatalog catalog, IOptions<ConnectorOptions> options, ILogger<FederatedCatalogCrawler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Catalog.CrawlInterval;
        if (interval == TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                var outcomes = await catalog.CrawlAsync(stoppingToken);
                logger.LogInformation("Federated catalog crawled: {Succeeded}/{Total} peers, {Datasets} datasets",
                    outcomes.Count(o => o.Succeeded), outcomes.Count, outcomes.Sum(o => o.DatasetCount));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
