using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>One negotiation seen from both sides: the consumer's id (its pid) and the provider's id (its pid).</summary>
public sealed record NegotiationPair(string ConsumerPid, string ProviderPid);

/// <summary>Drives two connectors through negotiations: management API calls, and raw signed DSP messages for what a well-behaved connector would never send.</summary>
public sealed class NegotiationDriver(RunningConnector provider, RunningConnector consumer)
{
    public RunningConnector Provider => provider;
    public RunningConnector Consumer => consumer;

    /// <summary>The consumer requests <paramref name="offerId"/>; returns once the provider holds the negotiation in REQUESTED.</summary>
    public async Task<NegotiationPair> RequestAsync(string offerId)
    {
        var started = await PostAsync(consumer, "negotiations", new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = offerId }, HttpStatusCode.Created);
        var consumerPid = started.GetProperty("id").GetString()!;
        var acknowledged = await Eventually.WaitAsync(async () =>
        {
            var view = await GetAsync(consumer, consumerPid);
            return view.GetProperty("providerPid").ValueKind == JsonValueKind.String ? view.GetProperty("providerPid").GetString() : null;
        }, "the provider's acknowledgement");
        return new NegotiationPair(consumerPid, acknowledged);
    }

    /// <summary>A management step on one side; fails the test unless it is taken.</summary>
    public Task<JsonElement> StepAsync(RunningConnector side, NegotiationPair pair, string step, JsonObject? body = null) =>
        PostAsync(side, $"negotiations/{Uri.EscapeDataString(Own(side, pair))}/{step}", body, HttpStatusCode.OK);

    public Task<JsonElement> ProviderAsync(NegotiationPair pair, string step, JsonObject? body = null) => StepAsync(provider, pair, step, body);

    public Task<JsonElement> ConsumerAsync(NegotiationPair pair, string step, JsonObject? body = null) => StepAsync(consumer, pair, step, body);

    /// <summary>Waits until both sides report <paramref name="state"/>.</summary>
    public async Task BothAsync(NegotiationPair pair, string state)
    {
        await StateAsync(provider, pair.ProviderPid, state);
        await StateAsync(consumer, pair.ConsumerPid, state);
    }

    /// <summary>Waits until <paramref name="side"/> reports <paramref name="state"/> for its negotiation <paramref name="id"/>; returns the view.</summary>
    public static async Task<JsonElement> StateAsync(RunningConnector side, string id, string state)
    {
        JsonElement last = default;
        try
        {
            return (JsonElement)await Eventually.WaitAsync<object>(async () =>
            {
                last = await GetAsync(side, id);
                return last.GetProperty("state").GetString() == state ? last : null;
            }, $"{side.Options.Participant.Name} to reach {state}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last seen: {last}", e);
        }
    }

    /// <summary>The management view of a negotiation.</summary>
    public static async Task<JsonElement> GetAsync(RunningConnector side, string id)
    {
        using var management = new ManagementClient(side);
        using var response = await management.GetAsync("negotiations/" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>POSTs to the management API and checks the status; returns the body.</summary>
    public static async Task<JsonElement> PostAsync(RunningConnector side, string path, JsonObject? body, HttpStatusCode expected)
    {
        using var management = new ManagementClient(side);
        using var response = await management.PostAsync(path, (body ?? []).ToJsonString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Sends a raw DSP message, signed by <paramref name="from"/>, to <paramref name="to"/>.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendDspAsync(RunningConnector from, RunningConnector to, HttpMethod method, string path, JsonObject? message)
    {
        var dsp = from.Services.GetRequiredService<DspClient>();
        using var response = await dsp.SendAsync(to.Identity.Did, method, path, message);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    /// <summary>A raw message from the consumer to the provider's negotiation.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> ConsumerSendsAsync(NegotiationPair pair, string endpoint, JsonObject message) =>
        SendDspAsync(consumer, provider, HttpMethod.Post, $"negotiations/{Uri.EscapeDataString(pair.ProviderPid)}/{endpoint}", message);

    /// <summary>A raw message from the provider to the consumer's negotiation.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> ProviderSendsAsync(NegotiationPair pair, string endpoint, JsonObject message) =>
        SendDspAsync(provider, consumer, HttpMethod.Post, $"negotiations/{Uri.EscapeDataString(pair.ConsumerPid)}/{endpoint}", message);

    /// <summary>Asserts a 400 <c>ContractNegotiationError</c> that validates against the DSP schema, and that neither side moved.</summary>
    public async Task RefusedAsync((HttpStatusCode Status, JsonElement Body) answer, NegotiationPair pair, string unchangedState)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("ContractNegotiationError", answer.Body.GetProperty("@type").GetString());
        Assert.Empty(DspSchemas.Validate("negotiation/contract-negotiation-error-schema.json", answer.Body));
        Assert.Equal(pair.ProviderPid, answer.Body.GetProperty("providerPid").GetString());
        Assert.Equal(pair.ConsumerPid, answer.Body.GetProperty("consumerPid").GetString());
        Assert.Equal(unchangedState, (await GetAsync(provider, pair.ProviderPid)).GetProperty("state").GetString());
        Assert.Equal(unchangedState, (await GetAsync(consumer, pair.ConsumerPid)).GetProperty("state").GetString());
    }

    private string Own(RunningConnector side, NegotiationPair pair) => side == provider ? pair.ProviderPid : pair.ConsumerPid;
}
