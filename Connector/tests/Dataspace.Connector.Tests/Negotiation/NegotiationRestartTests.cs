using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>Negotiations survive a stopped peer and a restarted connector; the same flow runs on PostgreSQL.</summary>
public sealed class NegotiationRestartTests
{
    [Fact]
    public async Task A_request_waits_in_the_outbox_while_the_provider_is_down_and_completes_after_its_restart()
    {
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(null, autoRespond: true);
        var provider = await TestConnectors.StartAsync(providerOptions);
        await using var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
            await NegotiationSeed.SeedAsync(management);
        // The consumer needs the offer from the provider's catalog, so it reads it before the provider goes down.
        var dataset = await NegotiationDriver.SendDspAsync(consumer, provider, HttpMethod.Get, "catalog/datasets/cardiology-records", null);
        var offer = JsonNode.Parse(dataset.Body.GetProperty("hasPolicy")[0].GetRawText())!.AsObject();
        await provider.DisposeAsync();
        using var providerPort = Restarts.HoldPort(provider);

        var started = await NegotiationDriver.PostAsync(consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["datasetId"] = "cardiology-records", ["offer"] = offer }, HttpStatusCode.Created);
        var consumerPid = started.GetProperty("id").GetString()!;
        var pending = await Eventually.WaitAsync(() => Restarts.FailedOutboxEntryAsync(consumer, consumerPid), "a failed delivery attempt");
        using (var body = JsonDocument.Parse(pending))
            Assert.Empty(DspSchemas.Validate("negotiation/contract-request-message-schema.json", body.RootElement));

        providerPort.Dispose();
        await using var restarted = await TestConnectors.StartAsync(providerOptions);
        var view = await NegotiationDriver.StateAsync(consumer, consumerPid, "FINALIZED");
        await NegotiationDriver.StateAsync(restarted, view.GetProperty("providerPid").GetString()!, "FINALIZED");
    }

    [Fact]
    public async Task An_agreement_sent_while_the_consumer_is_restarting_is_delivered_and_verified_after_it()
    {
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(null, autoRespond: true);
        providerOptions.Negotiation.AutoRespond = false;
        await using var provider = await TestConnectors.StartAsync(providerOptions);
        var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
            await NegotiationSeed.SeedAsync(management);
        var driver = new NegotiationDriver(provider, consumer);
        var pair = await driver.RequestAsync(NegotiationSeed.CardiologyOffer);
        await consumer.DisposeAsync();
        using var consumerPort = Restarts.HoldPort(consumer);

        await driver.ProviderAsync(pair, "agree");
        await Eventually.WaitAsync(() => Restarts.FailedOutboxEntryAsync(provider, pair.ProviderPid), "a failed delivery of the agreement");

        consumerPort.Dispose();
        await using var restarted = await TestConnectors.StartAsync(consumerOptions);
        await NegotiationDriver.StateAsync(provider, pair.ProviderPid, "VERIFIED");
        await driver.ProviderAsync(pair, "finalize");
        await NegotiationDriver.StateAsync(restarted, pair.ConsumerPid, "FINALIZED");
    }

    [SkippableFact]
    public async Task A_partner_hospital_reaches_FINALIZED_on_PostgreSQL()
    {
        var postgres = TestPostgres.Require();
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(postgres, autoRespond: true);
        await using var provider = await TestConnectors.StartAsync(providerOptions);
        await using var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
            await NegotiationSeed.SeedAsync(management);
        var started = await NegotiationDriver.PostAsync(consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
        var view = await NegotiationDriver.StateAsync(consumer, started.GetProperty("id").GetString()!, "FINALIZED");
        await NegotiationDriver.StateAsync(provider, view.GetProperty("providerPid").GetString()!, "FINALIZED");
    }


}
