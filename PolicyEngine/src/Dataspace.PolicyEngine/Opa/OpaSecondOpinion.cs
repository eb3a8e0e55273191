using System.Net;
using System.Text.Json;
using Dataspace.PolicyEngine.Evaluation;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Refit;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>
/// Asks OPA for a second opinion on locally permitted requests and combines the two deny-overrides. Fails closed: no answer
/// from OPA in time is a deny. Holds the circuit state, so keep one instance per OPA endpoint (a singleton).
/// </summary>
public sealed class OpaSecondOpinion
{
    private static readonly RefitSettings Settings = new(new SystemTextJsonContentSerializer(new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    private readonly IOpaDataApi _api;
    private readonly string _path;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Uses <paramref name="api"/> under a timeout and circuit breaker built from <paramref name="options"/>.</summary>
    public OpaSecondOpinion(IOpaDataApi api, OpaOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        _path = options.DecisionPath.Trim('/');
        _pipeline = BuildPipeline(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>A second opinion over <paramref name="httpClient"/>; a client without a base address gets <see cref="OpaOptions.BaseAddress"/>.</summary>
    /// <remarks>The pipeline owns the timeout, so the client's own timeout should be longer (the default 100 s is).</remarks>
    public static OpaSecondOpinion Create(HttpClient httpClient, OpaOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        httpClient.BaseAddress ??= options.BaseAddress;
        return new OpaSecondOpinion(RestService.For<IOpaDataApi>(httpClient, Settings), options, timeProvider);
    }

    /// <summary>Evaluates <paramref name="request"/> locally and, if that permits, asks OPA with the same input.</summary>
    /// <remarks>A local deny is final under deny-overrides, so OPA is not asked: no latency, and no load on a struggling OPA.</remarks>
    public async Task<SecondOpinionDecision> DecideAsync(CompiledPolicy policy, PolicyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var local = policy.Evaluate(request);
        if (!local.IsPermitted)
        {
            return new SecondOpinionDecision(local, null);
        }

        var input = OpaInput.From(policy, request, local);
        return new SecondOpinionDecision(local, await AskAsync(input, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Sends <paramref name="input"/> to OPA; never throws for OPA's failures, which become an unavailable verdict.</summary>
    public async Task<OpaVerdict> AskAsync(OpaInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var response = await _pipeline.ExecuteAsync(
                static (state, token) => new ValueTask<OpaDataResponse>(state.Api.QueryAsync(state.Path, new OpaDataRequest(state.Input), token)),
                (Api: _api, Path: _path, Input: input),
                cancellationToken).ConfigureAwait(false);
            return OpaVerdict.FromResult(response.Result);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (BrokenCircuitException)
        {
            return OpaVerdict.Unavailable("circuit open after repeated OPA failures; not called");
        }
        catch (TimeoutRejectedException)
        {
            return OpaVerdict.Unavailable("OPA did not answer in time");
        }
        catch (ApiException e)
        {
            return OpaVerdict.Unavailable(e.StatusCode == HttpStatusCode.OK
                ? "OPA answer could not be read"
                : $"OPA answered {(int)e.StatusCode} {e.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return OpaVerdict.Unavailable($"OPA unreachable: {e.HttpRequestError}");
        }
#pragma warning disable CA1031 // Fail closed: whatever else goes wrong talking to OPA must deny, not take the request down.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return OpaVerdict.Unavailable($"OPA query failed: {e.GetType().Name}");
        }
    }

    private static ResiliencePipeline BuildPipeline(OpaOptions options, TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            // Outermost, so timeouts count as failures; a ratio of 1 means only an unbroken run of failures opens it.
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = options.FailureThreshold,
                SamplingDuration = options.SamplingDuration,
                BreakDuration = options.BreakDuration,
                ShouldHandle = new PredicateBuilder()
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>()
                    .Handle<ApiException>(e => (int)e.StatusCode >= 500 || e.StatusCode == HttpStatusCode.OK),
            })
            .AddTimeout(options.Timeout)
            .Build();
}
