using System.Text.Json.Nodes;
using Dataspace.Connector.Negotiation;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>
/// The DSP TCK contract negotiation scenarios with this connector as consumer (CN_C_01..03). The provider is a second
/// connector driven through its management API; the messages the TCK expects to be refused are sent raw, signed by it.
/// </summary>
public sealed class ConsumerTckTests(ManualNegotiationFederation federation) : IClassFixture<ManualNegotiationFederation>
{
    private readonly NegotiationDriver _n = new(federation.Provider, federation.Consumer);

    private Task<NegotiationPair> RequestedAsync() => _n.RequestAsync(NegotiationSeed.CardiologyOffer);

    private async Task<NegotiationPair> OfferedAsync()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "offer");
        await _n.BothAsync(pair, "OFFERED");
        return pair;
    }

    private async Task<NegotiationPair> AgreedAsync()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "agree");
        await _n.BothAsync(pair, "AGREED");
        return pair;
    }

    private JsonObject Finalized(NegotiationPair pair) => NegotiationMessages.Event(pair.ProviderPid, pair.ConsumerPid, NegotiationState.Finalized);

    [Fact]
    public async Task CN_C_01_01_offer_accepted_agreed_verified_finalized()
    {
        var pair = await OfferedAsync();
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
    public async Task CN_C_01_02_offer_counter_request_then_the_provider_terminates()
    {
        var pair = await OfferedAsync();
        await _n.ConsumerAsync(pair, "request");
        await _n.BothAsync(pair, "REQUESTED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_01_03_offer_then_the_consumer_terminates()
    {
        var pair = await OfferedAsync();
        await _n.ConsumerAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_01_04_agreement_verified_finalized()
    {
        var pair = await AgreedAsync();
        await _n.ConsumerAsync(pair, "verify");
        await _n.BothAsync(pair, "VERIFIED");
        await _n.ProviderAsync(pair, "finalize");
        await _n.BothAsync(pair, "FINALIZED");
    }

    [Fact]
    public async Task CN_C_02_01_the_provider_terminates_the_request()
    {
        var pair = await RequestedAsync();
        await _n.ProviderAsync(pair, "terminate", new JsonObject { ["reason"] = "dataset withdrawn" });
        await _n.BothAsync(pair, "TERMINATED");
        var history = (await NegotiationDriver.GetAsync(_n.Consumer, pair.ConsumerPid)).GetProperty("history");
        Assert.Equal("dataset withdrawn", history[history.GetArrayLength() - 1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task CN_C_02_02_the_consumer_terminates_its_request()
    {
        var pair = await RequestedAsync();
        await _n.ConsumerAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_02_03_agreement_then_the_consumer_terminates()
    {
        var pair = await AgreedAsync();
        await _n.ConsumerAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_02_04_offer_then_the_provider_terminates()
    {
        var pair = await OfferedAsync();
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_02_05_accepted_then_the_provider_terminates()
    {
        var pair = await OfferedAsync();
        await _n.ConsumerAsync(pair, "accept");
        await _n.BothAsync(pair, "ACCEPTED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_02_06_verified_then_the_provider_terminates()
    {
        var pair = await AgreedAsync();
        await _n.ConsumerAsync(pair, "verify");
        await _n.BothAsync(pair, "VERIFIED");
        await _n.ProviderAsync(pair, "terminate");
        await _n.BothAsync(pair, "TERMINATED");
    }

    [Fact]
    public async Task CN_C_03_01_FINALIZED_in_REQUESTED_is_refused()
    {
        var pair = await RequestedAsync();
        await _n.RefusedAsync(await _n.ProviderSendsAsync(pair, "events", Finalized(pair)), pair, "REQUESTED");
    }

    [Fact]
    public async Task CN_C_03_02_an_agreement_in_OFFERED_is_refused()
    {
        var pair = await OfferedAsync();
        var view = await NegotiationDriver.GetAsync(_n.Provider, pair.ProviderPid);
        var offer = JsonNode.Parse(view.GetProperty("offer").GetRawText())!.AsObject();
        var agreement = NegotiationMessages.NewAgreement("urn:uuid:" + Guid.NewGuid(), offer, "cardiology-records",
            _n.Provider.Identity.Did, _n.Consumer.Identity.Did, DateTimeOffset.UtcNow);
        var answer = await _n.ProviderSendsAsync(pair, "agreement", NegotiationMessages.Agreement(pair.ProviderPid, pair.ConsumerPid, agreement));
        await _n.RefusedAsync(answer, pair, "OFFERED");
    }

    [Fact]
    public async Task CN_C_03_03_FINALIZED_in_OFFERED_is_refused()
    {
        var pair = await OfferedAsync();
        await _n.RefusedAsync(await _n.ProviderSendsAsync(pair, "events", Finalized(pair)), pair, "OFFERED");
    }

    [Fact]
    public async Task CN_C_03_04_FINALIZED_in_ACCEPTED_is_refused()
    {
        var pair = await OfferedAsync();
        await _n.ConsumerAsync(pair, "accept");
        await _n.BothAsync(pair, "ACCEPTED");
        await _n.RefusedAsync(await _n.ProviderSendsAsync(pair, "events", Finalized(pair)), pair, "ACCEPTED");
    }

    [Fact]
    public async Task CN_C_03_05_an_offer_in_ACCEPTED_is_refused()
    {
        var pair = await OfferedAsync();
        await _n.ConsumerAsync(pair, "accept");
        await _n.BothAsync(pair, "ACCEPTED");
        var view = await NegotiationDriver.GetAsync(_n.Provider, pair.ProviderPid);
        var offer = JsonNode.Parse(view.GetProperty("offer").GetRawText())!.AsObject();
        var answer = await _n.ProviderSendsAsync(pair, "offers", NegotiationMessages.Offer(pair.ProviderPid, pair.ConsumerPid, offer, null));
        await _n.RefusedAsync(answer, pair, "ACCEPTED");
    }

    [Fact]
    public async Task CN_C_03_06_FINALIZED_in_AGREED_is_refused()
    {
        var pair = await AgreedAsync();
        await _n.RefusedAsync(await _n.ProviderSendsAsync(pair, "events", Finalized(pair)), pair, "AGREED");
    }
}
