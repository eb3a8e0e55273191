using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// A start message sent while the consumer is down waits in the outbox and delivers a working EDR after its restart;
/// on SQLite and on PostgreSQL (the restarted consumer reopens its own schema).
/// </summary>
public sealed class TransferRestartTests
{
    [SkippableTheory]
    [InlineData(TestStorage.Sqlite)]
    [InlineData(TestStorage.Postgres)]
    public async Task A_start_message_sent_while_the_consumer_is_down_is_delivered_after_its_restart(TestStorage storage)
    {
        var (providerOptions, consumerOptions, _) = NegotiationFederation.Participants(TestStorages.Require(storage), autoRespond: true);
        providerOptions.Transfer.AutoStart = false;
        await using var provider = await TestConnectors.StartAsync(providerOptions);
        var consumer = await TestConnectors.StartAsync(consumerOptions);
        using (var management = new ManagementClient(provider))
            await NegotiationSeed.SeedAsync(management);
        var negotiation = await NegotiationDriver.PostAsync(consumer, "negotiations",
            new JsonObject { ["counterPartyDid"] = provider.Identity.Did, ["offerId"] = NegotiationSeed.CardiologyOffer }, HttpStatusCode.Created);
        var finalized = await NegotiationDriver.StateAsync(consumer, negotiation.GetProperty("id").GetString()!, "FINALIZED");
        await NegotiationDriver.StateAsync(provider, finalized.GetProperty("providerPid").GetString()!, "FINALIZED");
        var requested = await NegotiationDriver.PostAsync(consumer, "transfers",
            new JsonObject { ["agreementId"] = finalized.GetProperty("agreement").GetProperty("@id").GetString(), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        var consumerPid = requested.GetProperty("id").GetString()!;
        var providerPid = await Eventually.WaitAsync(async () =>
            (await TransferDriver.GetAsync(consumer, consumerPid)).GetProperty("providerPid") is { ValueKind: JsonValueKind.String } pid ? pid.GetString() : null,
            "the provider's acknowledgement");

        await consumer.DisposeAsync();
        using (var consumerPort = Restarts.HoldPort(consumer))
        {
            await NegotiationDriver.PostAsync(provider, $"transfers/{Uri.EscapeDataString(providerPid)}/start", null, HttpStatusCode.OK);
            await Eventually.WaitAsync(() => Restarts.FailedOutboxEntryAsync(provider, providerPid), "a failed delivery of the start message");
        }

        await using var restarted = await TestConnectors.StartAsync(consumerOptions);
        await TransferDriver.StateAsync(restarted, consumerPid, "STARTED");
        var token = await Eventually.WaitAsync(async () =>
            (await restarted.Services.GetRequiredService<TransferStore>().FindAsync(consumerPid))?.DataAddress is { } address ? DataAddress.Property(address, "authorization") : null,
            "the EDR");
        Assert.Equal(providerPid, (await provider.Services.GetRequiredService<TransferStore>().FindByTokenHashAsync(EdrToken.Hash(token)))?.Id);
    }
}
