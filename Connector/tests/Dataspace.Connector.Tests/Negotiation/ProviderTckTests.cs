using System.Text.Json.Nodes;
using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>
/// The DSP TCK contract negotiation scenarios with this connector as provider (CN_01..03). The consumer is a second
/// connector driven through its management API; the messages the TCK expects to be refused are sent raw, signed by it.
/// </summary>
public sealed class ProviderTckTests(ManualNegotiationFederation federation) : IClassFixture<ManualNegotiationFederation>
{
    private readonly NegotiationDriver _n = new(federation.Provider, federation.Consumer);

    private Task<NegotiationPair> RequestedAsync() => _n.RequestAsync(NegotiationSeed.CardiologyOffer);

    [Fact]
    public async Task CN_01_01_offer_then_the_consumer_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        await _n.ConsumerAsync(pair, "terminate", new JsonObject { ["reason"] = "not needed any more" });
        await _n.BothAsync(pair, "TERMINATED");
        var history = (await NegotiationDriver.GetAsync(_n.Provider, pair.ProviderPid)).GetProperty("history");
        Assert.Equal("not needed any more", history[history.GetArrayLength() - 1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CN_01_02_offer_counter_request_then_the_provider_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        await _n.ConsumerAsync(pair, "request");
        await _n.BothAsync(pair, "REQUESTED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_01_03_offer_accept_agreement_verification_finalized()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
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
    public async Task CN_01_04_agreement_verification_finalized()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "agree");
        await _n.BothAsync(pair, "AGREED");
        await _n.ConsumerAsync(pair, "verify");
        await _n.BothAsync(pair, "VERIFIED");
        await _n.ProviderAsync(pair, "finalize");
        await _n.BothAsync(pair, "FINALIZED");
    }

    [Fact]
    public async Task CN_02_01_the_provider_terminates_a_request()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_02_02_the_consumer_terminates_its_request()
    {
        var pair = await RequestedAsync();
        await _n.ConsumerAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_02_03_agreement_then_the_consumer_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "agree");
        await _n.BothAsync(pair, "AGREED");
        await _n.ConsumerAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_02_04_offer_then_the_consumer_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        await _n.ConsumerAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_02_05_offer_then_the_provider_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_02_06_accepted_then_the_provider_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        await _n.ConsumerAsync(pair, "accept");
        await _n.BothAsync(pair, "ACCEPTED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_02_07_verified_then_the_provider_terminates()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "agree");
        await _n.BothAsync(pair, "AGREED");
        await _n.ConsumerAsync(pair, "verify");
        await _n.BothAsync(pair, "VERIFIED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_03_01_a_termination_after_FINALIZED_is_refused()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "agree");
        await _n.BothAsync(pair, "AGREED");
        await _n.ConsumerAsync(pair, "verify");
        await _n.BothAsync(pair, "VERIFIED");
        await _n.ProviderAsync(pair, "finalize");
        await _n.BothAsync(pair, "FINALIZED");
        var answer = await _n.ConsumerSendsAsync(pair, "termination", NegotiationMessages.Termination(pair.ProviderPid, pair.ConsumerPid, null, "too late"));
        await _n.RefusedAsync(answer, pair, "FINALIZED");
    }

    [Fact]
    public async Task CN_03_02_a_verification_in_OFFERED_is_refused()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        var answer = await _n.ConsumerSendsAsync(pair, "agreement/verification", NegotiationMessages.Verification(pair.ProviderPid, pair.ConsumerPid));
        await _n.RefusedAsync(answer, pair, "OFFERED");
    }

    [Fact]
    public async Task CN_03_03_a_verification_in_ACCEPTED_is_refused()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        await _n.ConsumerAsync(pair, "accept");
        await _n.BothAsync(pair, "ACCEPTED");
        var answer = await _n.ConsumerSendsAsync(pair, "agreement/verification", NegotiationMessages.Verification(pair.ProviderPid, pair.ConsumerPid));
        await _n.RefusedAsync(answer, pair, "ACCEPTED");
    }

    [Fact]
    public async Task CN_03_04_a_second_counter_request_is_refused()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        var counter = await _n.ConsumerAsync(pair, "request");
        await _n.BothAsync(pair, "REQUESTED");
        var offer = JsonNode.Parse(counter.GetProperty("offer").GetRawText())!.AsObject();
        // A different counter-request, not a redelivery of the first (which would be answered as before).
        offer["profile"] = "urn:test:second-counter-request";
        var answer = await _n.ConsumerSendsAsync(pair, "request", NegotiationMessages.Request(pair.ConsumerPid, pair.ProviderPid, offer, null));
        await _n.RefusedAsync(answer, pair, "REQUESTED");
    }
}
