using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>One transfer seen from both sides: the consumer's id (its pid) and the provider's id (its pid).</summary>
public sealed record TransferPair(string ConsumerPid, string ProviderPid);

/// <summary>Drives two connectors through transfers: management API calls, and raw signed DSP messages for what a well-behaved connector would never send.</summary>
public sealed class TransferDriver(TransferFederation federation)
{
    public RunningConnector Provider => federation.Provider;
    public RunningConnector Consumer => federation.Consumer;

    /// <summary>The consumer requests a FHIR-PULL under the federation's agreement; returns once the provider's pid is known.</summary>
    public async Task<TransferPair> RequestAsync()
    {
        var agreementId = await federation.AgreementAsync();
        var started = await NegotiationDriver.PostAsync(Consumer, "transfers",
            new JsonObject { ["agreementId"] = agreementId, ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var consumerPid = started.GetProperty("id").GetString()!;
        var providerPid = await Eventually.WaitAsync(async () =>
        {
            var view = await GetAsync(Consumer, consumerPid);
            return view.GetProperty("providerPid").ValueKind == JsonValueKind.String ? view.GetProperty("providerPid").GetString() : null;
        }, "the provider's acknowledgement");
        return new TransferPair(consumerPid, providerPid);
    }

    /// <summary>A requested transfer the provider has started, STARTED on both sides.</summary>
    public async Task<TransferPair> StartedAsync()
    {
        var pair = await RequestAsync();
        await ProviderAsync(pair, "start");
        await BothAsync(pair, "STARTED");
        return pair;
    }

    public Task<JsonElement> ProviderAsync(TransferPair pair, string step, JsonObject? body = null) =>
        NegotiationDriver.PostAsync(Provider, $"transfers/{Uri.EscapeDataString(pair.ProviderPid)}/{step}", body, HttpStatusCode.OK);

    public Task<JsonElement> ConsumerAsync(TransferPair pair, string step, JsonObject? body = null) =>
        NegotiationDriver.PostAsync(Consumer, $"transfers/{Uri.EscapeDataString(pair.ConsumerPid)}/{step}", body, HttpStatusCode.OK);

    /// <summary>Waits until both sides report <paramref name="state"/>.</summary>
    public async Task BothAsync(TransferPair pair, string state)
    {
        await StateAsync(Provider, pair.ProviderPid, state);
        await StateAsync(Consumer, pair.ConsumerPid, state);
    }

    /// <summary>Waits until <paramref name="side"/> reports <paramref name="state"/> for its transfer <paramref name="id"/>; returns the view.</summary>
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

    /// <summary>The management view of a transfer.</summary>
    public static async Task<JsonElement> GetAsync(RunningConnector side, string id)
    {
        using var management = new ManagementClient(side);
        using var response = await management.GetAsync("transfers/" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>A raw message from the consumer to the provider's transfer.</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> ConsumerSendsAsync(TransferPair pair, string endpoint, JsonObject message) =>
        NegotiationDriver.SendDspAsync(Consumer, Provider, HttpMethod.Post, $"transfers/{Uri.EscapeDataString(pair.ProviderPid)}/{endpoint}", message);

    /// <summary>A raw message from the provider to the consumer's transfer (the consumer's callback address is its DSP base).</summary>
    public Task<(HttpStatusCode Status, JsonElement Body)> ProviderSendsAsync(TransferPair pair, string endpoint, JsonObject message) =>
        NegotiationDriver.SendDspAsync(Provider, Consumer, HttpMethod.Post, $"transfers/{Uri.EscapeDataString(pair.ConsumerPid)}/{endpoint}", message);

    /// <summary>Asserts a 400 <c>TransferError</c> that validates against the DSP schema, and that neither side moved.</summary>
    public async Task RefusedAsync((HttpStatusCode Status, JsonElement Body) answer, TransferPair pair, string unchangedState)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("TransferError", answer.Body.GetProperty("@type").GetString());
        Assert.Empty(DspSchemas.Validate("transfer/transfer-error-schema.json", answer.Body));
        Assert.Equal(pair.ProviderPid, answer.Body.GetProperty("providerPid").GetString());
        Assert.Equal(pair.ConsumerPid, answer.Body.GetProperty("consumerPid").GetString());
        Assert.Equal(unchangedState, (await GetAsync(Provider, pair.ProviderPid)).GetProperty("state").GetString());
        Assert.Equal(unchangedState, (await GetAsync(Consumer, pair.ConsumerPid)).GetProperty("state").GetString());
    }
}
