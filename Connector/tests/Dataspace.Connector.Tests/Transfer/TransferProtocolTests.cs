using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// The transfer process beyond the TCK sequences: who may see and request what, idempotent requests, schema-valid
/// messages, and the EDR of a FHIR pull living exactly as long as the transfer is STARTED; on SQLite
/// (<see cref="TransferProtocolTests"/>) and on PostgreSQL (<see cref="PostgresTransferProtocolTests"/>).
/// </summary>
public abstract class TransferProtocolScenarios
{
    private readonly TransferFederation _federation;
    private readonly TransferDriver _t;

    protected TransferProtocolScenarios(TransferFederation federation)
    {
        ArgumentNullException.ThrowIfNull(federation);
        federation.RequireStorage();
        _federation = federation;
        _t = new TransferDriver(federation);
    }

    [SkippableFact]
    public async Task Each_side_answers_GET_for_its_counterparty_only_and_hides_the_rest_behind_404()
    {
        var pair = await _t.RequestAsync();
        var (status, body) = await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Get, "transfers/" + Uri.EscapeDataString(pair.ProviderPid), null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(DspSchemas.Validate("transfer/transfer-process-schema.json", body));
        Assert.Equal("REQUESTED", body.GetProperty("state").GetString());
        // TP_C: the TCK reads the consumer's state at {callbackAddress}/transfers/{consumerPid}.
        (status, body) = await NegotiationDriver.SendDspAsync(_t.Provider, _t.Consumer, HttpMethod.Get, "transfers/" + Uri.EscapeDataString(pair.ConsumerPid), null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(pair.ProviderPid, body.GetProperty("providerPid").GetString());

        foreach (var path in new[] { "transfers/" + Uri.EscapeDataString(pair.ProviderPid), "transfers/urn:uuid:" + Guid.NewGuid() })
        {
            (status, body) = await NegotiationDriver.SendDspAsync(_federation.Research, _t.Provider, HttpMethod.Get, path, null);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("TransferError", body.GetProperty("@type").GetString());
            Assert.Equal("", body.GetProperty("consumerPid").GetString());
        }
        (status, _) = await NegotiationDriver.SendDspAsync(_federation.Research, _t.Provider, HttpMethod.Post, $"transfers/{Uri.EscapeDataString(pair.ProviderPid)}/termination",
            TransferMessages.Stop("TransferTerminationMessage", pair.ProviderPid, pair.ConsumerPid, "not mine"));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("REQUESTED", (await TransferDriver.GetAsync(_t.Provider, pair.ProviderPid)).GetProperty("state").GetString());
    }

    [SkippableFact]
    public async Task A_request_needs_a_finalized_agreement_of_that_consumer_and_a_served_format()
    {
        var agreementId = await _federation.AgreementAsync();
        var stranger = TransferMessages.Request("urn:uuid:" + Guid.NewGuid(), agreementId, "FHIR-PULL", _federation.Research.Identity.DspBaseUrl.ToString());
        var (status, body) = await NegotiationDriver.SendDspAsync(_federation.Research, _t.Provider, HttpMethod.Post, "transfers/request", stranger);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Empty(DspSchemas.Validate("transfer/transfer-error-schema.json", body));

        var unknown = TransferMessages.Request("urn:uuid:" + Guid.NewGuid(), "urn:uuid:" + Guid.NewGuid(), "FHIR-PULL", _t.Consumer.Identity.DspBaseUrl.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Post, "transfers/request", unknown)).Status);
        var push = TransferMessages.Request("urn:uuid:" + Guid.NewGuid(), agreementId, "AmazonS3-PUSH", _t.Consumer.Identity.DspBaseUrl.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, (await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Post, "transfers/request", push)).Status);
        var elsewhere = TransferMessages.Request("urn:uuid:" + Guid.NewGuid(), agreementId, "FHIR-PULL", "http://127.0.0.1:1/api/dsp/2025-1");
        Assert.Equal(HttpStatusCode.BadRequest, (await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Post, "transfers/request", elsewhere)).Status);

        using var management = new ManagementClient(_t.Consumer);
        using var none = await management.PostAsync("transfers", new JsonObject { ["agreementId"] = "urn:uuid:" + Guid.NewGuid() }.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
        using var providerManagement = new ManagementClient(_t.Provider);
        using var provided = await providerManagement.PostAsync("transfers", new JsonObject { ["agreementId"] = agreementId }.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, provided.StatusCode);
    }

    [SkippableFact]
    public async Task A_repeated_request_gets_the_same_transfer_and_a_schema_valid_acknowledgement()
    {
        var request = TransferMessages.Request("urn:uuid:" + Guid.NewGuid(), await _federation.AgreementAsync(), "FHIR-PULL", _t.Consumer.Identity.DspBaseUrl.ToString());
        Assert.Empty(DspSchemas.Validate("transfer/transfer-request-message-schema.json", JsonSerializer.SerializeToElement(request)));
        var first = await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Post, "transfers/request", request);
        var second = await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Post, "transfers/request", request);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Empty(DspSchemas.Validate("transfer/transfer-process-schema.json", first.Body));
        Assert.Equal(first.Body.GetProperty("providerPid").GetString(), second.Body.GetProperty("providerPid").GetString());
        Assert.Equal("REQUESTED", second.Body.GetProperty("state").GetString());
    }

    [SkippableFact]
    public async Task A_repeated_request_of_a_STARTED_transfer_re_sends_the_start_message_with_a_fresh_EDR()
    {
        var pair = await _t.StartedAsync();
        var token = (await ConsumerTokenAsync(pair))!;
        var again = TransferMessages.Request(pair.ConsumerPid, await _federation.AgreementAsync(), "FHIR-PULL", _t.Consumer.Identity.DspBaseUrl.ToString());
        var (status, body) = await NegotiationDriver.SendDspAsync(_t.Consumer, _t.Provider, HttpMethod.Post, "transfers/request", again);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("STARTED", body.GetProperty("state").GetString());
        Assert.Equal(pair.ProviderPid, body.GetProperty("providerPid").GetString());
        var fresh = await Eventually.WaitAsync(async () => await ConsumerTokenAsync(pair) is { } t && t != token ? t : null, "the re-sent start message");
        Assert.Null(await ProviderTransferOfAsync(token));
        Assert.Equal(pair.ProviderPid, (await ProviderTransferOfAsync(fresh))?.Id);
    }

    [SkippableFact]
    public async Task Management_steps_that_the_state_machine_forbids_are_refused_and_change_nothing()
    {
        var pair = await _t.RequestAsync();
        using var consumer = new ManagementClient(_t.Consumer);
        using var start = await consumer.PostAsync($"transfers/{Uri.EscapeDataString(pair.ConsumerPid)}/start", "");
        Assert.Equal(HttpStatusCode.Conflict, start.StatusCode);
        using var complete = await consumer.PostAsync($"transfers/{Uri.EscapeDataString(pair.ConsumerPid)}/complete", "");
        Assert.Equal(HttpStatusCode.Conflict, complete.StatusCode);
        using var bogus = await consumer.PostAsync($"transfers/{Uri.EscapeDataString(pair.ConsumerPid)}/explode", "");
        Assert.Equal(HttpStatusCode.NotFound, bogus.StatusCode);
        Assert.Equal("REQUESTED", (await TransferDriver.GetAsync(_t.Consumer, pair.ConsumerPid)).GetProperty("state").GetString());
    }

    [SkippableFact]
    public async Task The_EDR_is_bound_to_the_transfer_renewed_on_resume_and_refresh_and_dies_on_suspension_and_completion()
    {
        var pair = await _t.StartedAsync();
        var view = await TransferDriver.GetAsync(_t.Consumer, pair.ConsumerPid);
        var edr = view.GetProperty("edr");
        Assert.Equal(new Uri(_t.Provider.Identity.PublicUrl, TransferActions.DataPlanePath).ToString(), edr.GetProperty("endpoint").GetString());
        Assert.Equal("bearer", edr.GetProperty("authType").GetString());
        Assert.DoesNotContain("authorization", view.GetRawText(), StringComparison.Ordinal);

        var token = (await ConsumerTokenAsync(pair))!;
        Assert.Empty(DspSchemas.Validate("transfer/transfer-start-message-schema.json",
            JsonSerializer.SerializeToElement(TransferMessages.Start(pair.ProviderPid, pair.ConsumerPid, DataAddress.Pull(new Uri("https://p.example/x"), token, TimeSpan.FromMinutes(5))))));
        Assert.Equal(pair.ProviderPid, (await ProviderTransferOfAsync(token))?.Id);

        await _t.ConsumerAsync(pair, "suspend");
        await _t.BothAsync(pair, "SUSPENDED");
        Assert.Null(await ProviderTransferOfAsync(token));
        Assert.Equal(JsonValueKind.Null, (await TransferDriver.GetAsync(_t.Consumer, pair.ConsumerPid)).GetProperty("edr").ValueKind);

        // Resuming mints a new token; the old one stays dead.
        await _t.ConsumerAsync(pair, "start");
        var renewed = await Eventually.WaitAsync(async () =>
            (await _t.Consumer.Services.GetRequiredService<TransferStore>().FindAsync(pair.ConsumerPid))?.DataAddress is { } a ? DataAddress.Property(a, "authorization") : null,
            "the provider's new EDR");
        Assert.NotEqual(token, renewed);
        Assert.Null(await ProviderTransferOfAsync(token));
        Assert.Equal(pair.ProviderPid, (await ProviderTransferOfAsync(renewed))?.Id);

        // The provider refreshes a STARTED transfer's EDR by starting it again: one live token per transfer.
        await _t.ProviderAsync(pair, "start");
        var refreshed = await Eventually.WaitAsync(async () =>
            (await _t.Consumer.Services.GetRequiredService<TransferStore>().FindAsync(pair.ConsumerPid))?.DataAddress is { } a
            && DataAddress.Property(a, "authorization") is { } t && t != renewed ? t : null, "the refreshed EDR");
        Assert.Null(await ProviderTransferOfAsync(renewed));
        Assert.Equal(pair.ProviderPid, (await ProviderTransferOfAsync(refreshed))?.Id);

        await _t.ProviderAsync(pair, "complete");
        await _t.BothAsync(pair, "COMPLETED");
        Assert.Null(await ProviderTransferOfAsync(refreshed));
    }

    private async Task<string?> ConsumerTokenAsync(TransferPair pair)
    {
        var stored = await _t.Consumer.Services.GetRequiredService<TransferStore>().FindAsync(pair.ConsumerPid);
        return DataAddress.Property(stored!.DataAddress, "authorization");
    }

    private Task<TransferProcess?> ProviderTransferOfAsync(string token) =>
        _t.Provider.Services.GetRequiredService<TransferStore>().FindByTokenHashAsync(EdrToken.Hash(token));
}

/// <summary>The transfer protocol tests with every connector on SQLite.</summary>
public sealed class TransferProtocolTests(ManualTransferFederation federation) : TransferProtocolScenarios(federation), IClassFixture<ManualTransferFederation>;

/// <summary>The transfer protocol tests with every connector on PostgreSQL, each in its own schema.</summary>
public sealed class PostgresTransferProtocolTests(PostgresManualTransferFederation federation)
    : TransferProtocolScenarios(federation), IClassFixture<PostgresManualTransferFederation>;
