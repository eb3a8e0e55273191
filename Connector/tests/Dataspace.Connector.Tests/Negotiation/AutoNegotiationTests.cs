using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>Both sides respond on their own: a permitted request reaches FINALIZED, a refused one ends with a reason the consumer may read.</summary>
public sealed class AutoNegotiationTests(AutoNegotiationFederation federation) : IClassFixture<AutoNegotiationFederation>
{
    [Fact]
    public async Task A_partner_hospital_reaches_FINALIZED_and_both_sides_store_the_same_agreement()
    {
        var started = await NegotiationDriver.PostAsync(federation.Consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = federation.Provider.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
        var consumerView = await NegotiationDriver.StateAsync(federation.Consumer, started.GetProperty("id").GetString()!, "FINALIZED");
        var providerView = await NegotiationDriver.StateAsync(federation.Provider, consumerView.GetProperty("providerPid").GetString()!, "FINALIZED");

        var agreement = consumerView.GetProperty("agreement");
        Assert.Equal(providerView.GetProperty("agreement").GetRawText(), agreement.GetRawText());
        Assert.Equal("Agreement", agreement.GetProperty("@type").GetString());
        Assert.Equal("cardiology-records", agreement.GetProperty("target").GetString());
        Assert.Equal(federation.Provider.Identity.Did, agreement.GetProperty("assigner").GetString());
        Assert.Equal(federation.Consumer.Identity.Did, agreement.GetProperty("assignee").GetString());
        Assert.Equal("odrl:purpose", agreement.GetProperty("permission")[0].GetProperty("constraint")[0].GetProperty("leftOperand").GetString());
        var message = NegotiationMessages.Agreement("urn:p", "urn:c", JsonNode.Parse(agreement.GetRawText())!.AsObject());
        Assert.Empty(DspSchemas.Validate("negotiation/contract-agreement-message-schema.json", JsonSerializer.SerializeToElement(message)));

        var states = providerView.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("to").GetString());
        Assert.Equal(["REQUESTED", "AGREED", "VERIFIED", "FINALIZED"], states);
        Assert.Contains("Permit", providerView.GetProperty("history")[1].GetProperty("explanation").GetString(), StringComparison.Ordinal);

        var id = agreement.GetProperty("@id").GetString()!;
        foreach (var side in new[] { federation.Provider, federation.Consumer })
        {
            using var management = new ManagementClient(side);
            using var listed = await management.GetAsync("agreements");
            Assert.Contains(id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var one = await management.GetAsync("agreements/" + Uri.EscapeDataString(id));
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            using var record = JsonDocument.Parse(await one.Content.ReadAsStringAsync());
            Assert.Equal(side == federation.Provider ? "Provider" : "Consumer", record.RootElement.GetProperty("role").GetString());
            Assert.Equal("cardiology-records", record.RootElement.GetProperty("assetId").GetString());
            // Each side's ledger records the agreement, so later data accesses can be matched to it.
            await Eventually.WaitAsync(async () => await LedgerHasAsync(side, id) ? "recorded" : null, "an AgreementConcluded ledger entry");
        }
    }

    private static async Task<bool> LedgerHasAsync(Dataspace.Connector.Hosting.RunningConnector side, string agreementId)
    {
        using var http = new HttpClient();
        using var sth = JsonDocument.Parse(await http.GetStringAsync(new Uri(side.Identity.PublicUrl, "/api/ledger/v1/sth")));
        var size = sth.RootElement.GetProperty("tree_size").GetInt64();
        if (size == 0)
            return false;
        var entries = await http.GetStringAsync(new Uri(side.Identity.PublicUrl, $"/api/ledger/v1/entries?start=0&end={Math.Min(size, 1000) - 1}"));
        return entries.Contains("agreement-concluded", StringComparison.Ordinal) && entries.Contains(agreementId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_research_institute_is_refused_a_treatment_offer_with_a_safe_reason_and_the_operator_sees_why()
    {
        var started = await NegotiationDriver.PostAsync(federation.Research, "negotiations",
            new JsonObject { ["counterPartyDid"] = federation.Provider.Identity.Did, ["offerId"] = NegotiationSeed.TreatmentTrendsOffer }, HttpStatusCode.Created);
        var consumerView = await NegotiationDriver.StateAsync(federation.Research, started.GetProperty("id").GetString()!, "TERMINATED");
        var providerView = await NegotiationDriver.StateAsync(federation.Provider, consumerView.GetProperty("providerPid").GetString()!, "TERMINATED");

        var told = consumerView.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString()!;
        Assert.StartsWith("denied:", told, StringComparison.Ordinal);
        Assert.Contains("purpose", told, StringComparison.Ordinal);
        Assert.DoesNotContain("TREAT", told, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, consumerView.GetProperty("history").EnumerateArray().Last().GetProperty("explanation").ValueKind);

        var refusal = providerView.GetProperty("history").EnumerateArray().Last();
        Assert.Equal(told, refusal.GetProperty("reason").GetString());
        var explanation = refusal.GetProperty("explanation").GetString()!;
        Assert.Contains("HRESCH", explanation, StringComparison.Ordinal);
        Assert.Contains("TREAT", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_institute_gets_the_research_offer()
    {
        var started = await NegotiationDriver.PostAsync(federation.Research, "negotiations",
            new JsonObject { ["counterPartyDid"] = federation.Provider.Identity.Did, ["offerId"] = NegotiationSeed.ResearchOffer }, HttpStatusCode.Created);
        var view = await NegotiationDriver.StateAsync(federation.Research, started.GetProperty("id").GetString()!, "FINALIZED");
        Assert.True(view.GetProperty("agreement").GetProperty("permission")[0].TryGetProperty("duty", out _));
    }
}
