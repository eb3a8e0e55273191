using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>An EDR token is refused once its lifetime has passed, although the transfer is still STARTED.</summary>
public sealed class EdrExpiryTests
{
    [Fact]
    public async Task An_expired_token_is_refused_with_expired_token()
    {
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(null, autoRespond: true);
        providerOptions.Transfer.EdrLifetime = TimeSpan.FromTicks(1);
        await using var provider = await TestConnectors.StartAsync(providerOptions);
        await using var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
            await NegotiationSeed.SeedAsync(management);
        var negotiation = await NegotiationDriver.PostAsync(consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
        var finalized = await NegotiationDriver.StateAsync(consumer, negotiation.GetProperty("id").GetString()!, "FINALIZED");
        await NegotiationDriver.StateAsync(provider, finalized.GetProperty("providerPid").GetString()!, "FINALIZED");
        var requested = await NegotiationDriver.PostAsync(consumer, "transfers",
            new JsonObject { ["agreementId"] = finalized.GetProperty("agreement").GetProperty("@id").GetString(), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var id = requested.GetProperty("id").GetString()!;
        await Eventually.WaitAsync<object>(async () =>
            (await TransferDriver.GetAsync(consumer, id)).GetProperty("edr").ValueKind == JsonValueKind.Object ? id : null, "the EDR");

        using var client = new ManagementClient(consumer);
        using var response = await client.GetAsync($"transfers/{Uri.EscapeDataString(id)}/data?resourceType=Observation&patient=anyone");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("expired_token", error.RootElement.GetProperty("error").GetString());
        Assert.Equal("STARTED", (await TransferDriver.GetAsync(consumer, id)).GetProperty("state").GetString());
    }
}
