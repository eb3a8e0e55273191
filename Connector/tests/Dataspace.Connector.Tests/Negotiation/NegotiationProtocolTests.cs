using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Protocol;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>What the protocol API refuses, hides and repeats: forged and unknown pids, redeliveries, foreign callbacks, altered offers.</summary>
public sealed class NegotiationProtocolTests(ManualNegotiationFederation federation) : IClassFixture<ManualNegotiationFederation>
{
    private readonly NegotiationDriver _n = new(federation.Provider, federation.Consumer);

    [Fact]
    public async Task Another_consumer_using_a_forged_pid_gets_404_and_changes_nothing()
    {
        var pair = await _n.RequestAsync(NegotiationSeed.CardiologyOffer);
        var termination = NegotiationMessages.Termination(pair.ProviderPid, pair.ConsumerPid, null, "forged");
        var path = $"negotiations/{Uri.EscapeDataString(pair.ProviderPid)}";
        var forged = await NegotiationDriver.SendDspAsync(federation.Research, federation.Provider, HttpMethod.Post, path + "/termination", termination);
        var peek = await NegotiationDriver.SendDspAsync(federation.Research, federation.Provider, HttpMethod.Get, path, null);
        var unknown = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Get, "negotiations/urn:uuid:" + Guid.NewGuid(), null);
        foreach (var answer in new[] { forged, peek, unknown })
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Empty(DspSchemas.Validate("negotiation/contract-negotiation-error-schema.json", answer.Body));
            Assert.Equal("", answer.Body.GetProperty("consumerPid").GetString());
        }
        Assert.Equal("REQUESTED", (await NegotiationDriver.GetAsync(federation.Provider, pair.ProviderPid)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Both_sides_answer_GET_with_a_ContractNegotiation_that_validates()
    {
        var pair = await _n.RequestAsync(NegotiationSeed.CardiologyOffer);
        var provider = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Get, "negotiations/" + Uri.EscapeDataString(pair.ProviderPid), null);
        var consumer = await NegotiationDriver.SendDspAsync(federation.Provider, federation.Consumer, HttpMethod.Get, "negotiations/" + Uri.EscapeDataString(pair.ConsumerPid), null);
        foreach (var (status, body) in new[] { provider, consumer })
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Empty(DspSchemas.Validate("negotiation/contract-negotiation-schema.json", body));
            Assert.Equal("REQUESTED", body.GetProperty("state").GetString());
            Assert.Equal(pair.ProviderPid, body.GetProperty("providerPid").GetString());
            Assert.Equal(pair.ConsumerPid, body.GetProperty("consumerPid").GetString());
        }
    }

    [Fact]
    public async Task A_redelivered_initial_request_gets_the_same_answer_and_creates_one_negotiation()
    {
        var request = await InitialRequestAsync(federation.Consumer.Identity.DspBaseUrl.ToString());
        var first = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Post, "negotiations/request", request);
        var second = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Post, "negotiations/request", request);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
        Assert.Empty(DspSchemas.Validate("negotiation/contract-negotiation-schema.json", first.Body));
        var view = await NegotiationDriver.GetAsync(federation.Provider, first.Body.GetProperty("providerPid").GetString()!);
        Assert.Equal(1, view.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task A_redelivered_event_is_acknowledged_again_without_a_second_transition()
    {
        var pair = await _n.RequestAsync(NegotiationSeed.CardiologyOffer);
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        var accepted = NegotiationMessages.Event(pair.ProviderPid, pair.ConsumerPid, NegotiationState.Accepted);
        var first = await _n.ConsumerSendsAsync(pair, "events", accepted);
        var second = await _n.ConsumerSendsAsync(pair, "events", accepted);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(first.Body.GetRawText(), second.Body.GetRawText());
        var history = (await NegotiationDriver.GetAsync(federation.Provider, pair.ProviderPid)).GetProperty("history").EnumerateArray();
        Assert.Single(history, e => e.GetProperty("to").GetString() == "ACCEPTED");
    }

    [Fact]
    public async Task A_callback_address_other_than_the_consumers_own_endpoint_is_refused()
    {
        var request = await InitialRequestAsync("http://169.254.169.254/latest/meta-data");
        var answer = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Post, "negotiations/request", request);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Empty(DspSchemas.Validate("negotiation/contract-negotiation-error-schema.json", answer.Body));
        Assert.Contains("callbackAddress", answer.Body.GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_offer_with_altered_terms_or_one_the_consumer_may_not_see_is_refused()
    {
        var altered = await InitialRequestAsync(federation.Consumer.Identity.DspBaseUrl.ToString());
        altered["offer"]!["permission"]![0]!.AsObject().Remove("constraint");
        var answer = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Post, "negotiations/request", altered);
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Contains("differ", answer.Body.GetProperty("reason")[0].GetString(), StringComparison.Ordinal);

        // The research institute's access policy hides the cardiology records: the offer does not exist for it.
        var hidden = await InitialRequestAsync(federation.Research.Identity.DspBaseUrl.ToString());
        var refused = await NegotiationDriver.SendDspAsync(federation.Research, federation.Provider, HttpMethod.Post, "negotiations/request", hidden);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("not in the provider's catalog", refused.Body.GetProperty("reason")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_messages_get_DSP_errors_never_a_500()
    {
        var pair = await _n.RequestAsync(NegotiationSeed.CardiologyOffer);
        var wrongType = await _n.ConsumerSendsAsync(pair, "termination", new JsonObject { ["@context"] = new JsonArray(DspPaths.Context), ["@type"] = "CatalogRequestMessage" });
        var noPids = await _n.ConsumerSendsAsync(pair, "termination", new JsonObject { ["@context"] = new JsonArray(DspPaths.Context), ["@type"] = "ContractNegotiationTerminationMessage" });
        var badEvent = await _n.ConsumerSendsAsync(pair, "events", new JsonObject
        {
            ["@context"] = new JsonArray(DspPaths.Context), ["@type"] = "ContractNegotiationEventMessage",
            ["providerPid"] = pair.ProviderPid, ["consumerPid"] = pair.ConsumerPid, ["eventType"] = "EXPLODED",
        });
        var wrongPids = await _n.ConsumerSendsAsync(pair, "termination", NegotiationMessages.Termination(pair.ProviderPid, "urn:uuid:someone-else", null, "x"));
        foreach (var (status, body) in new[] { wrongType, noPids, badEvent, wrongPids })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("ContractNegotiationError", body.GetProperty("@type").GetString());
        }
        Assert.Equal("REQUESTED", (await NegotiationDriver.GetAsync(federation.Provider, pair.ProviderPid)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_provider_initiated_offer_is_negotiated_to_FINALIZED()
    {
        var started = await NegotiationDriver.PostAsync(federation.Provider, "negotiations/offers",
            new JsonObject { ["counterPartyDid"] = federation.Consumer.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
        var providerPid = started.GetProperty("id").GetString()!;
        var consumerPid = await Eventually.WaitAsync(async () =>
        {
            var view = await NegotiationDriver.GetAsync(federation.Provider, providerPid);
            return view.GetProperty("consumerPid").ValueKind == JsonValueKind.String ? view.GetProperty("consumerPid").GetString() : null;
        }, "the consumer's acknowledgement");
        var pair = new NegotiationPair(consumerPid, providerPid);
        await _n.BothAsync(pair, "OFFERED");
        await _n.ConsumerAsync(pair, "accept");
        await _n.BothAsync(pair, "ACCEPTED");
        await _n.ProviderAsync(pair, "agree");
        await _n.BothAsync(pair, "AGREED");
        await _n.ConsumerAsync(pair, "verify");
        await _n.BothAsync(pair, "VERIFIED");
        await _n.ProviderAsync(pair, "finalize");
        await _n.BothAsync(pair, "FINALIZED");
    }

    [Fact]
    public async Task A_request_the_provider_refuses_ends_the_consumers_negotiation_with_the_providers_reason()
    {
        var request = await InitialRequestAsync(federation.Consumer.Identity.DspBaseUrl.ToString());
        var offer = request["offer"]!.AsObject();
        offer["permission"]![0]!.AsObject().Remove("constraint");
        var started = await NegotiationDriver.PostAsync(federation.Consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = federation.Provider.Identity.Did, ["offer"] = offer.DeepClone() }, HttpStatusCode.Created);
        var view = await NegotiationDriver.StateAsync(federation.Consumer, started.GetProperty("id").GetString()!, "TERMINATED");
        var reason = view.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString()!;
        Assert.Contains("400", reason, StringComparison.Ordinal);
        Assert.Contains("the offer's terms differ from the catalog's offer", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_management_API_refuses_impossible_steps_with_problem_details()
    {
        var pair = await _n.RequestAsync(NegotiationSeed.CardiologyOffer);
        using var consumer = new ManagementClient(federation.Consumer);
        using var verify = await consumer.PostAsync($"negotiations/{Uri.EscapeDataString(pair.ConsumerPid)}/verify", "{}");
        Assert.Equal(HttpStatusCode.Conflict, verify.StatusCode);
        Assert.Equal("application/problem+json", verify.Content.Headers.ContentType?.MediaType);
        using var unknownStep = await consumer.PostAsync($"negotiations/{Uri.EscapeDataString(pair.ConsumerPid)}/explode", "{}");
        Assert.Equal(HttpStatusCode.NotFound, unknownStep.StatusCode);
        using var unknown = await consumer.GetAsync("negotiations/urn%3Auuid%3Anone");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var noDid = await consumer.PostAsync("negotiations", """{"offerId":"x"}""");
        Assert.Equal(HttpStatusCode.BadRequest, noDid.StatusCode);
        using var stranger = await consumer.PostAsync("negotiations", """{"counterPartyDid":"did:web:stranger.example","offerId":"x"}""");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        using var notJson = await consumer.PostAsync("negotiations", "{");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var http = new HttpClient();
        var openApi = await http.GetStringAsync(new Uri(federation.Consumer.Identity.PublicUrl, "/openapi/management.json"));
        Assert.Contains("/api/management/v1/negotiations/{id}/{step}", openApi, StringComparison.Ordinal);
        Assert.Contains("/api/management/v1/agreements", openApi, StringComparison.Ordinal);
        using var regulator = new ManagementClient(federation.Consumer, TestConnectors.RegulatorKey);
        using var readOnly = await regulator.PostAsync($"negotiations/{Uri.EscapeDataString(pair.ConsumerPid)}/terminate", "{}");
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }

    /// <summary>An initial request for the cardiology offer as the provider's catalog shows it to the partner hospital.</summary>
    private async Task<JsonObject> InitialRequestAsync(string callbackAddress)
    {
        var dataset = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Get, "catalog/datasets/cardiology-records", null);
        var offer = JsonNode.Parse(dataset.Body.GetProperty("hasPolicy")[0].GetRawText())!.AsObject();
        offer["target"] = "cardiology-records";
        return NegotiationMessages.Request("urn:uuid:" + Guid.NewGuid(), null, offer, callbackAddress);
    }
}
