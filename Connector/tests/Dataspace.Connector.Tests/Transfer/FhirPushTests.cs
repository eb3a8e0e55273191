using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// A FHIR push between two real connectors: the consumer names its receiver (published in its DID document) and a token
/// in the request, the provider starts the transfer by hand (as the TCK drives it) and pushes through the same
/// enforcement chain a pull passes; forged endpoints and tokens are refused with nothing stored, written or leaked.
/// </summary>
public sealed class FhirPushTests(ManualTransferFederation federation) : IClassFixture<ManualTransferFederation>
{
    [Fact]
    public async Task A_push_delivers_the_consented_patients_Observations_only_ends_COMPLETED_on_both_sides_and_leaves_one_ledger_entry()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string consenting = "c" + suffix, denying = "d" + suffix, consentSuffix = Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(consenting));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(denying));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewObservation("oc" + suffix, consenting));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewObservation("od" + suffix, denying));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewConsent("kc" + consentSuffix, consenting, Consent.ConsentProvisionType.Permit, "2024-01-15"));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewConsent("kd" + consentSuffix, denying, Consent.ConsentProvisionType.Deny, "2024-01-15"));
        var entriesBefore = (await FhirTestData.DataAccessEntriesAsync(federation.Provider)).Count;

        var pair = await RequestPushAsync(federation.Consumer, null, [consenting, "Patient/" + denying], "code=http://loinc.org|8867-4");
        await StartAsync(pair);
        await TransferDriver.StateAsync(federation.Provider, pair.ProviderPid, "COMPLETED");
        await TransferDriver.StateAsync(federation.Consumer, pair.ConsumerPid, "COMPLETED");

        var received = await ReceivedAsync(federation.Consumer, pair.ConsumerPid);
        Assert.Equal(["Observation/oc" + suffix], References(received));
        using (var regulator = new ManagementClient(federation.Consumer, TestConnectors.RegulatorKey))
        using (var forbidden = await regulator.GetAsync($"transfers/{Uri.EscapeDataString(pair.ConsumerPid)}/received"))
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var entries = await Eventually.WaitAsync(async () => await FhirTestData.DataAccessEntriesAsync(federation.Provider) is { } all && all.Count > entriesBefore ? all : null, "the push's data-access entry");
        var entry = Assert.Single(entries.Skip(entriesBefore));
        Assert.Equal(1, entry.GetProperty("resourceCount").GetInt64());
        Assert.Equal(1, entry.GetProperty("patientCount").GetInt64());
        Assert.DoesNotContain(consenting, entry.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(denying, entry.GetRawText(), StringComparison.Ordinal);

        // The token dies with the transfer on both sides, and the provider minted no EDR for a push.
        var provider = (await federation.Provider.Services.GetRequiredService<TransferStore>().FindAsync(pair.ProviderPid))!;
        var consumer = (await federation.Consumer.Services.GetRequiredService<TransferStore>().FindAsync(pair.ConsumerPid))!;
        Assert.Null(provider.Push!.Token);
        Assert.Null(consumer.Push!.TokenHash);
        Assert.Null(provider.TokenHash);
        Assert.Equal(["REQUESTED", "STARTED", "COMPLETED"], consumer.History.Select(e => e.To.ToWire()));
    }

    [Fact]
    public async Task The_research_institute_receives_pushed_Observations_pseudonymised_as_a_pull_would_be()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string consenting = "r" + suffix, silent = "s" + suffix;
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(consenting));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(silent));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewObservation("or" + suffix, consenting));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewObservation("os" + suffix, silent));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewConsent("kr" + Guid.NewGuid().ToString("n")[..8], consenting, Consent.ConsentProvisionType.Permit, "2024-01-15", "HRESCH"));

        var pair = await RequestPushAsync(federation.Research, NegotiationSeed.ResearchOffer, [consenting, silent], null);
        await StartAsync(pair);
        await TransferDriver.StateAsync(federation.Research, pair.ConsumerPid, "COMPLETED");

        var text = await ReceivedAsync(federation.Research, pair.ConsumerPid);
        var observation = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var parsed = JsonDocument.Parse(observation);
        Assert.Equal("Observation", parsed.RootElement.GetProperty("resourceType").GetString());
        Assert.Contains("PSEUDED", parsed.RootElement.GetProperty("meta").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(suffix, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_agreements_count_is_used_up_a_push_is_terminated_with_the_policys_reason_and_delivers_nothing()
    {
        var patient = "n" + Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(patient));
        for (var use = 0; use < 2; use++)
        {
            var allowed = await RequestPushAsync(federation.Consumer, FhirPullSeed.TwoPullsOffer, [patient], null);
            await StartAsync(allowed);
            await TransferDriver.StateAsync(federation.Consumer, allowed.ConsumerPid, "COMPLETED");
        }

        var third = await RequestPushAsync(federation.Consumer, FhirPullSeed.TwoPullsOffer, [patient], null);
        await StartAsync(third);
        var provider = await TransferDriver.StateAsync(federation.Provider, third.ProviderPid, "TERMINATED");
        var consumer = await TransferDriver.StateAsync(federation.Consumer, third.ConsumerPid, "TERMINATED");
        var reason = consumer.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString();
        Assert.False(string.IsNullOrEmpty(reason));
        Assert.Equal(reason, provider.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString());
        using var management = new ManagementClient(federation.Consumer);
        using var nothing = await management.GetAsync($"transfers/{Uri.EscapeDataString(third.ConsumerPid)}/received");
        Assert.Equal(HttpStatusCode.Conflict, nothing.StatusCode);
    }

    [Fact]
    public async Task Push_requests_naming_an_endpoint_outside_the_consumers_DID_document_or_a_bad_selection_get_a_TransferError_and_nothing_is_stored()
    {
        var agreementId = await federation.AgreementAsync();
        var consumer = federation.Consumer.Identity;
        var receiver = consumer.PushReceiverUrl.ToString();
        var selection = PushSelection.Create("Observation", ["x1"], null, out _)!;
        JsonObject Address(string endpoint, PushSelection? what = null) => PushAddress.Build(new Uri(endpoint), "consumer-token", what ?? selection);
        JsonObject Bare(Action<JsonObject> change)
        {
            var address = Address(receiver + "/p");
            change(address);
            return address;
        }

        JsonObject?[] refused =
        [
            null,
            Address("http://127.0.0.1:1/api/dataplane/v1/push/p"),
            Address(federation.Research.Identity.PushReceiverUrl + "/p"),
            Address(new Uri(consumer.PublicUrl, "/api/management/v1/transfers").ToString()),
            Address(consumer.DspBaseUrl + "/transfers"),
            Address(receiver + "/%2e%2e/%2e%2e/management/v1"),
            Bare(a => a["endpoint"] = receiver + "/a%2F..%2F..%2F..%2Fmanagement"),
            Address(receiver + "/p?to=elsewhere"),
            Address(receiver.Replace("http://", "http://user@", StringComparison.Ordinal) + "/p"),
            Bare(a => a["endpointProperties"]!.AsArray().RemoveAt(0)),
            Bare(a => a["endpointType"] = "https://example.org/ftp"),
            Address(receiver + "/p", selection with { Query = "colour=blue" }),
            Address(receiver + "/p", selection with { Query = "patient=Patient/someone-else" }),
            Address(receiver + "/p", selection with { Patients = [] }),
        ];
        var providerStore = federation.Provider.Services.GetRequiredService<TransferStore>();
        foreach (var address in refused)
        {
            var consumerPid = "urn:uuid:" + Guid.NewGuid();
            var message = TransferMessages.Request(consumerPid, agreementId, TransferFormats.FhirPush, consumer.DspBaseUrl.ToString(), address);
            var (status, body) = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Post, "transfers/request", message);
            Assert.True(status == HttpStatusCode.BadRequest, $"{address?["endpoint"]}: {(int)status} {body}");
            Assert.Equal("TransferError", body.GetProperty("@type").GetString());
            Assert.Empty(DspSchemas.Validate("transfer/transfer-error-schema.json", body));
            Assert.DoesNotContain("consumer-token", body.GetRawText(), StringComparison.Ordinal);
            Assert.Null(await providerStore.FindByCounterPidAsync(NegotiationRole.Provider, consumer.Did, consumerPid));
        }

        // The same request with the published receiver is taken: the refusals above are the endpoint's and the selection's.
        var acceptedPid = "urn:uuid:" + Guid.NewGuid();
        var accepted = TransferMessages.Request(acceptedPid, agreementId, TransferFormats.FhirPush, consumer.DspBaseUrl.ToString(), Address(receiver + "/" + Uri.EscapeDataString(acceptedPid)));
        Assert.Empty(DspSchemas.Validate("transfer/transfer-request-message-schema.json", JsonSerializer.SerializeToElement(accepted)));
        var (created, ack) = await NegotiationDriver.SendDspAsync(federation.Consumer, federation.Provider, HttpMethod.Post, "transfers/request", accepted);
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Empty(DspSchemas.Validate("transfer/transfer-process-schema.json", ack));
        var stored = await providerStore.FindByCounterPidAsync(NegotiationRole.Provider, consumer.Did, acceptedPid);
        Assert.Equal("consumer-token", stored!.Push!.Token);
        Assert.Empty(DspSchemas.Validate("transfer/transfer-start-message-schema.json",
            JsonSerializer.SerializeToElement(TransferMessages.Start(stored.Id, acceptedPid, null))));
    }

    [Fact]
    public async Task The_receiver_answers_a_wrong_token_401_an_unknown_transfer_404_and_an_unstarted_one_409_and_writes_nothing()
    {
        var patient = "w" + Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(patient));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewObservation("ow" + patient, patient));
        var pair = await RequestPushAsync(federation.Consumer, null, [patient], null);
        var token = (await federation.Provider.Services.GetRequiredService<TransferStore>().FindAsync(pair.ProviderPid))!.Push!.Token!;
        var folder = Path.Combine(federation.Consumer.Options.Participant.DataFolder, "received");
        var before = Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length : 0;
        var line = "{\"resourceType\":\"Observation\",\"id\":\"forged\",\"subject\":{\"reference\":\"Patient/" + patient + "\"}}\n";

        Assert.Equal(("invalid_token", HttpStatusCode.Unauthorized), await PostReceiverAsync(pair.ConsumerPid, "forged-" + token, line));
        Assert.Equal(("invalid_token", HttpStatusCode.Unauthorized), await PostReceiverAsync(pair.ConsumerPid, null, line));
        Assert.Equal(("not_found", HttpStatusCode.NotFound), await PostReceiverAsync("urn:uuid:" + Guid.NewGuid(), token, line));
        Assert.Equal(("transfer_not_started", HttpStatusCode.Conflict), await PostReceiverAsync(pair.ConsumerPid, token, line));
        Assert.Equal(before, Directory.Exists(folder) ? Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Length : 0);

        await StartAsync(pair);
        await TransferDriver.StateAsync(federation.Consumer, pair.ConsumerPid, "COMPLETED");
        var received = await ReceivedAsync(federation.Consumer, pair.ConsumerPid);
        Assert.Equal(["Observation/ow" + patient], References(received));
        // After the end even the right token is refused, and what arrived stays as it was.
        Assert.Equal(("invalid_token", HttpStatusCode.Unauthorized), await PostReceiverAsync(pair.ConsumerPid, token, line));
        Assert.Equal(received, await ReceivedAsync(federation.Consumer, pair.ConsumerPid));
    }

    [Fact]
    public async Task When_the_consumers_receiver_keeps_failing_the_push_is_retried_a_bounded_number_of_times_then_TERMINATED_and_nothing_is_released()
    {
        var patient = "f" + Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewPatient(patient));
        await FhirTestData.PutAsync(federation.Provider, FhirTestData.NewObservation("of" + patient, patient));
        var pair = await RequestPushAsync(federation.Consumer, null, [patient], null);
        var entriesBefore = (await FhirTestData.DataAccessEntriesAsync(federation.Provider)).Count;
        var usesBefore = await UsesAsync(await federation.AgreementAsync());
        // A file where the receiver keeps its folders: every delivery fails with a 500 before its body is read.
        var received = Path.Combine(federation.Consumer.Options.Participant.DataFolder, "received");
        var movedAside = Directory.Exists(received) ? received + ".aside" : null;
        if (movedAside is not null)
            Directory.Move(received, movedAside);
        await File.WriteAllTextAsync(received, "not a folder");
        try
        {
            await StartAsync(pair);
            var provider = await TransferDriver.StateAsync(federation.Provider, pair.ProviderPid, "TERMINATED");
            await TransferDriver.StateAsync(federation.Consumer, pair.ConsumerPid, "TERMINATED");
            Assert.Equal("the data could not be delivered: the consumer's receiver answered 500",
                provider.GetProperty("history").EnumerateArray().Last().GetProperty("reason").GetString());
        }
        finally
        {
            File.Delete(received);
            if (movedAside is not null)
                Directory.Move(movedAside, received);
        }
        // Each attempt was judged (and counted) by the agreement: exactly Transfer:Push:Attempts of them.
        var settings = federation.Provider.Services.GetRequiredService<IOptions<ConnectorOptions>>().Value.Transfer.Push;
        Assert.Equal(usesBefore + settings.Attempts, await UsesAsync(await federation.AgreementAsync()));
        // 100-continue: the consumer answered before asking for the body, so no release ran and no data-access entry exists.
        Assert.Equal(entriesBefore, (await FhirTestData.DataAccessEntriesAsync(federation.Provider)).Count);
    }

    [Fact]
    public async Task A_push_request_with_a_bad_selection_is_refused_by_management_before_anything_is_sent()
    {
        var agreementId = await federation.AgreementAsync();
        using var management = new ManagementClient(federation.Consumer);
        var before = await CountTransfersAsync(management);
        JsonObject[] bodies =
        [
            new() { ["agreementId"] = agreementId, ["format"] = "FHIR-PUSH", ["resourceType"] = "Observation" },
            new() { ["agreementId"] = agreementId, ["format"] = "FHIR-PUSH", ["resourceType"] = "Observation", ["patients"] = "p1" },
            new() { ["agreementId"] = agreementId, ["format"] = "FHIR-PUSH", ["resourceType"] = "Observation", ["patients"] = new JsonArray("not an id!") },
            new() { ["agreementId"] = agreementId, ["format"] = "FHIR-PUSH", ["patients"] = new JsonArray("p1") },
            new() { ["agreementId"] = agreementId, ["format"] = "FHIR-PUSH", ["resourceType"] = "Observation", ["patients"] = new JsonArray("p1"), ["query"] = "colour=blue" },
        ];
        foreach (var body in bodies)
        {
            using var response = await management.PostAsync("transfers", body.ToJsonString());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("not an id!", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await CountTransfersAsync(management));
    }

    [Fact]
    public async Task The_consumers_DID_document_publishes_its_push_receiver_on_its_own_host()
    {
        using var http = new HttpClient();
        using var did = JsonDocument.Parse(await http.GetStringAsync(new Uri(federation.Consumer.Identity.PublicUrl, "/.well-known/did.json")));
        var service = Assert.Single(did.RootElement.GetProperty("service").EnumerateArray(), s => s.GetProperty("type").GetString() == "FhirPushService");
        Assert.Equal(new Uri(federation.Consumer.Identity.PublicUrl, "/api/dataplane/v1/push").ToString(), service.GetProperty("serviceEndpoint").GetString());
    }

    /// <summary>The consumer asks for a push of <paramref name="patients"/>' Observations; returns once the provider's pid is known.</summary>
    private async Task<TransferPair> RequestPushAsync(RunningConnector side, string? offerId, string[] patients, string? query)
    {
        var body = new JsonObject
        {
            ["agreementId"] = await federation.AgreementAsync(offerId, side),
            ["format"] = "FHIR-PUSH",
            ["resourceType"] = "Observation",
            ["patients"] = new JsonArray(patients.Select(p => (JsonNode)p).ToArray()),
        };
        if (query is not null)
            body["query"] = query;
        var started = await NegotiationDriver.PostAsync(side, "transfers", body, HttpStatusCode.Created);
        Assert.Equal("FHIR-PUSH", started.GetProperty("format").GetString());
        var consumerPid = started.GetProperty("id").GetString()!;
        var providerPid = await Eventually.WaitAsync(async () =>
            (await TransferDriver.GetAsync(side, consumerPid)).GetProperty("providerPid") is { ValueKind: JsonValueKind.String } pid ? pid.GetString() : null,
            "the provider's acknowledgement");
        return new TransferPair(consumerPid, providerPid);
    }

    /// <summary>The provider's operator starts the transfer, which queues the push.</summary>
    private Task StartAsync(TransferPair pair) =>
        NegotiationDriver.PostAsync(federation.Provider, $"transfers/{Uri.EscapeDataString(pair.ProviderPid)}/start", null, HttpStatusCode.OK);

    /// <summary>What <paramref name="side"/> received for its push transfer, through its management API.</summary>
    private static async Task<string> ReceivedAsync(RunningConnector side, string transferId)
    {
        using var management = new ManagementClient(side);
        using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(transferId)}/received");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private async Task<(string? Error, HttpStatusCode Status)> PostReceiverAsync(string consumerPid, string? token, string ndjson)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, federation.Consumer.Identity.PushReceiverUrl + "/" + Uri.EscapeDataString(consumerPid))
        {
            Content = new StringContent(ndjson, Encoding.UTF8, "application/fhir+ndjson"),
        };
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return (JsonDocument.Parse(body).RootElement.GetProperty("error").GetString(), response.StatusCode);
    }

    private static List<string> References(string ndjson) =>
        ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(r => r.GetProperty("resourceType").GetString() + "/" + r.GetProperty("id").GetString()).ToList();

    /// <summary>The uses the provider has counted under <paramref name="agreementId"/>, read without taking one.</summary>
    private Task<long> UsesAsync(string agreementId) =>
        federation.Provider.Services.GetRequiredService<AgreementUses>().TryUseAsync(agreementId, used => (false, used), CancellationToken.None);

    private static async Task<int> CountTransfersAsync(ManagementClient management)
    {
        using var response = await management.GetAsync("transfers?limit=1000");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetArrayLength();
    }

}
