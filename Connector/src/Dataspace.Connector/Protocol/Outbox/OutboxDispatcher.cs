using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Protocol.Outbox;

/// <summary>
/// Sends what the outbox holds: woken by <see cref="OutboxSignal"/> as soon as work commits, otherwise asleep until the
/// next retry falls due. Failed sends back off exponentially (the next attempt time is stored, so a restart resumes the
/// schedule); rows are leased, so replicas sharing a database never send the same entry twice at once.
/// </summary>
public sealed class OutboxDispatcher(
    OutboxStore store, OutboxSignal signal, DspClient dsp, IEnumerable<IOutboxHandler> handlers,
    IOptions<ConnectorOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly string _replica = Guid.NewGuid().ToString("n");
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Topic, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private OutboxOptions Settings => options.Value.Outbox;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Settings.Concurrency);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var free = slots.CurrentCount;
                var leased = free == 0 ? [] : await store.LeaseAsync(_replica, time.GetUtcNow(), Settings.LeaseDuration, free, stoppingToken);
                foreach (var message in leased)
                {
                    await slots.WaitAsync(stoppingToken);
                    _inFlight[message.Id] = Task.Run(async () =>
                    {
                        try
                        {
                            // A handled entry hands over the next entry of its process when that one is due already.
                            var current = await ProcessAsync(message, stoppingToken);
                            while (current is not null)
                            {
                                if (stoppingToken.IsCancellationRequested)
                                {
                                    await store.RescheduleAsync(current, _replica, time.GetUtcNow(), null, countAttempt: false, CancellationToken.None);
                                    break;
                                }
                                current = await ProcessAsync(current, stoppingToken);
                            }
                        }
                        finally
                        {
                            _inFlight.TryRemove(message.Id, out _);
                            slots.Release();
                            // The process's next entry may have been waiting behind this one.
                            signal.Notify();
                        }
                    }, CancellationToken.None);
                }
                if (leased.Count > 0 && leased.Count == free)
                    continue;
                await signal.WaitAsync(await SleepAsync(stoppingToken), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong (the database briefly unreachable, most likely), the work stays in the database;
                // a dispatcher that gave up would stop the whole host with it.
                logger.LogError(e, "Outbox dispatch failed; retrying");
                await signal.WaitAsync(Settings.IdlePoll, stoppingToken);
            }
        }
        await Task.WhenAll(_inFlight.Values);
    }

    private async Task<TimeSpan> SleepAsync(CancellationToken cancellationToken)
    {
        var next = await store.NextDueAsync(cancellationToken);
        if (next is null)
            return Settings.IdlePoll;
        var wait = next.Value - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < Settings.IdlePoll ? wait : Settings.IdlePoll;
    }

    /// <summary>Handles one leased entry; returns the next entry of its process when it was leased along with the completion.</summary>
    private async Task<OutboxMessage?> ProcessAsync(OutboxMessage message, CancellationToken stoppingToken)
    {
        if (!_handlers.TryGetValue(message.Topic, out var handler))
        {
            logger.LogError("Outbox entry {Id} has topic {Topic}, which nothing handles", message.Id, message.Topic);
            await RetryAsync(message, "no handler for the topic", stoppingToken);
            return null;
        }
        try
        {
            if (message.IsStep)
            {
                await handler.RunStepAsync(message, stoppingToken);
                return await store.CompleteAndLeaseNextAsync(message, _replica, time.GetUtcNow(), Settings.LeaseDuration, CancellationToken.None);
            }
            using var response = await dsp.SendAsync(message.PeerDid!, HttpMethod.Post, message.Path!, JsonNode.Parse(message.Body!), stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                await handler.DeliveredAsync(message, await ReadJsonAsync(response, stoppingToken), stoppingToken);
                return await store.CompleteAndLeaseNextAsync(message, _replica, time.GetUtcNow(), Settings.LeaseDuration, CancellationToken.None);
            }
            else if (IsPermanent(response.StatusCode))
            {
                var reason = $"{message.Name} refused by the peer: {(int)response.StatusCode} {await ReasonAsync(response, stoppingToken)}";
                await handler.FailedAsync(message, reason, stoppingToken);
                await store.CompleteAsync(message, _replica, CancellationToken.None);
            }
            else
            {
                await RetryAsync(message, $"{message.Name}: peer answered {(int)response.StatusCode}", handler, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the attempt did not count, and the next start (or another replica) takes it up at once.
            await store.RescheduleAsync(message, _replica, time.GetUtcNow(), null, countAttempt: false, CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or DidResolutionException or DspProtocolException or JsonException
                                      or TaskCanceledException or System.Data.Common.DbException or InvalidOperationException)
        {
            await RetryAsync(message, $"{message.Name}: {e.Message}", handler, stoppingToken);
        }
        return null;
    }

    private async Task RetryAsync(OutboxMessage message, string error, IOutboxHandler handler, CancellationToken stoppingToken)
    {
        if (message.Attempts + 1 >= Settings.MaxAttempts)
        {
            logger.LogWarning("Outbox entry {Id} ({Name}) given up after {Attempts} attempts: {Error}", message.Id, message.Name, message.Attempts + 1, error);
            await handler.FailedAsync(message, $"gave up after {message.Attempts + 1} attempts: {error}", stoppingToken);
            await store.CompleteAsync(message, _replica, CancellationToken.None);
            return;
        }
        await RetryAsync(message, error, stoppingToken);
    }

    private async Task RetryAsync(OutboxMessage message, string error, CancellationToken stoppingToken)
    {
        logger.LogInformation("Outbox entry {Id} ({Name}) attempt {Attempt} failed: {Error}", message.Id, message.Name, message.Attempts + 1, error);
        var next = time.GetUtcNow() + Backoff(message.Attempts, Settings);
        await store.RescheduleAsync(message, _replica, next, error, countAttempt: true, stoppingToken.IsCancellationRequested ? CancellationToken.None : stoppingToken);
    }

    /// <summary>The wait after the <paramref name="attempts"/>+1-th failure: doubling from the base, capped, with ±20 % jitter so retries of many processes spread out.</summary>
    public static TimeSpan Backoff(long attempts, OutboxOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var doubled = settings.RetryBase.TotalMilliseconds * Math.Pow(2, Math.Min(attempts, 30));
        var capped = Math.Min(doubled, settings.RetryMax.TotalMilliseconds);
        var jitter = 0.8 + (Random.Shared.NextDouble() * 0.4);
        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    // A 4xx says the peer will not take this message however often it is sent; 408 and 429 ask for a later try.
    private static bool IsPermanent(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);

    private static async Task<JsonElement?> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await ReadJsonAsync(response, cancellationToken);
        if (body is { ValueKind: JsonValueKind.Object } error && error.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.Array)
            return string.Join("; ", reason.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : r.GetRawText()));
        return response.ReasonPhrase ?? "";
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken);
    }
}
