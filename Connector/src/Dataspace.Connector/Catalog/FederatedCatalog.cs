using System.Collections.Concurrent;
using System.Text.Json;
using Dataspace.Catalog.Federation;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Dataspace.Connector.Catalog;

/// <summary>
/// The consumer's view of the dataspace: every member's catalog, fetched over DSP, stored, and indexed for search.
/// Each peer is fetched independently behind its own timeout, retries and circuit breaker, so one peer down never holds up the others.
/// </summary>
public sealed class FederatedCatalog(
    CatalogStores stores,
    DspClient dsp,
    Membership membership,
    ParticipantIdentity self,
    IOptions<ConnectorOptions> options,
    TimeProvider time,
    ILogger<FederatedCatalog> logger)
{
    private readonly ConcurrentDictionary<string, ResiliencePipeline<JsonDocument>> _pipelines = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private volatile FederatedCatalogIndex? _index;

    /// <summary>The current index, loaded from the stored catalogs on first use.</summary>
    public async Task<FederatedCatalogIndex> IndexAsync(CancellationToken cancellationToken = default) =>
        _index ?? await RebuildAsync(cancellationToken);

    /// <summary>Fetches one peer's catalog now, stores it and re-indexes; throws when the peer cannot be reached or refuses.</summary>
    public async Task<JsonDocument> FetchAsync(string peerDid, CancellationToken cancellationToken = default)
    {
        var attempt = time.GetUtcNow();
        try
        {
            var catalog = await PipelineFor(peerDid).ExecuteAsync(async ct => await FetchOnceAsync(peerDid, ct), cancellationToken);
            await stores.PeerCatalogs.UpsertAsync(peerDid, new PeerCatalog(peerDid, catalog.RootElement.Clone(), attempt, attempt, null), cancellationToken);
            await RebuildAsync(cancellationToken);
            return catalog;
        }
        catch (Exception e) when (e is DspProtocolException or DidResolutionException or HttpRequestException or TimeoutRejectedException
                                      or BrokenCircuitException or JsonException)
        {
            var previous = await stores.PeerCatalogs.GetAsync(peerDid, cancellationToken);
            await stores.PeerCatalogs.UpsertAsync(peerDid,
                new PeerCatalog(peerDid, previous?.Catalog, previous?.FetchedAt, attempt, Describe(e)), cancellationToken);
            throw new DspProtocolException($"catalog of {peerDid} could not be fetched: {Describe(e)}", e);
        }
    }

    /// <summary>Fetches every member's catalog in parallel; returns each peer's outcome.</summary>
    public async Task<IReadOnlyList<CrawlOutcome>> CrawlAsync(CancellationToken cancellationToken = default)
    {
        var peers = membership.Members.Select(m => m.Did).Where(did => did != self.Did).ToList();
        var outcomes = await Task.WhenAll(peers.Select(async did =>
        {
            try
            {
                using var catalog = await FetchAsync(did, cancellationToken);
                return new CrawlOutcome(did, true, CountDatasets(catalog.RootElement), null);
            }
            catch (DspProtocolException e)
            {
                logger.LogWarning("Federated catalog: {Peer} skipped: {Reason}", did, e.Message);
                return new CrawlOutcome(did, false, 0, e.Message);
            }
        }));
        return outcomes;
    }

    /// <summary>Every stored peer catalog with its fetch status.</summary>
    public Task<IReadOnlyList<PeerCatalog>> PeersAsync(CancellationToken cancellationToken = default) => stores.PeerCatalogs.AllAsync(cancellationToken);

    private async Task<JsonDocument> FetchOnceAsync(string peerDid, CancellationToken cancellationToken)
    {
        using var response = await dsp.RequestCatalogAsync(peerDid, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new DspProtocolException($"answered {(int)response.StatusCode}");
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
    }

    private async Task<FederatedCatalogIndex> RebuildAsync(CancellationToken cancellationToken)
    {
        await _rebuild.WaitAsync(cancellationToken);
        try
        {
            var entries = new List<CatalogEntry>();
            foreach (var peer in await stores.PeerCatalogs.AllAsync(cancellationToken))
            {
                if (peer.Catalog is { } catalog)
                    entries.AddRange(CatalogReader.Read(catalog, peer.ParticipantDid, membership.Find(peer.ParticipantDid)?.Country));
            }
            var index = FederatedCatalogIndex.Build(entries);
            _index = index;
            return index;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private ResiliencePipeline<JsonDocument> PipelineFor(string peerDid) => _pipelines.GetOrAdd(peerDid, _ =>
    {
        var catalogOptions = options.Value.Catalog;
        var transient = new PredicateBuilder<JsonDocument>()
            .Handle<HttpRequestException>().Handle<DspProtocolException>().Handle<TimeoutRejectedException>().Handle<JsonException>();
        return new ResiliencePipelineBuilder<JsonDocument>()
            .AddTimeout(catalogOptions.CrawlTimeout)
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<JsonDocument>
            {
                ShouldHandle = transient,
                FailureRatio = 1.0,
                MinimumThroughput = 3,
                SamplingDuration = TimeSpan.FromMinutes(2),
                BreakDuration = TimeSpan.FromMinutes(1),
            })
            .AddRetry(new RetryStrategyOptions<JsonDocument>
            {
                ShouldHandle = transient,
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(200),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .AddTimeout(TimeSpan.FromTicks(catalogOptions.CrawlTimeout.Ticks / 2))
            .Build();
    });

    private static int CountDatasets(JsonElement catalog) =>
        catalog.TryGetProperty("dataset", out var datasets) && datasets.ValueKind == JsonValueKind.Array ? datasets.GetArrayLength() : 0;

    private static string Describe(Exception e) => e switch
    {
        BrokenCircuitException => "circuit open after repeated failures",
        TimeoutRejectedException => "timed out",
        _ => e.Message,
    };
}

/// <summary>How fetching one peer's catalog went.</summary>
/// <param name="ParticipantDid">The peer.</param>
/// <param name="Succeeded">Whether the catalog was fetched.</param>
/// <param name="DatasetCount">Datasets in the fetched catalog.</param>
/// <param name="Error">Why it failed.</param>
public sealed record CrawlOutcome(string ParticipantDid, bool Succeeded, int DatasetCount, string? Error);
