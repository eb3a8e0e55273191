using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Management;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Tests.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Model;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// A FHIR pull between two real connectors: the provider starts the transfer by itself, the consumer fetches through its
/// EDR, and every request passes the enforcement chain (token, STARTED, count, consent per patient, one ledger entry).
/// On SQLite (<see cref="FhirPullTests"/>) and on PostgreSQL (<see cref="PostgresFhirPullTests"/>).
/// </summary>
public abstract class FhirPullScenarios
{
    private readonly TransferFederation _federation;

    protected FhirPullScenarios(TransferFederation federation)
    {
        ArgumentNullException.ThrowIfNull(federation);
        federation.RequireStorage();
        _federation = federation;
    }

    [SkippableFact]
    public async Task A_FHIR_PULL_request_reaches_STARTED_on_both_sides_with_an_EDR_for_the_consumer()
    {
        var (consumer, provider) = await StartedAsync(null);
        Assert.Equal(JsonValueKind.Object, consumer.GetProperty("edr").ValueKind);
        Assert.Equal(DataAddress.HttpEndpointType, consumer.GetProperty("edr").GetProperty("endpointType").GetString());
        Assert.True(provider.GetProperty("edr").GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Equal(["REQUESTED", "STARTED"], provider.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("to").GetString()));
    }

    [SkippableFact]
    public async Task The_partner_gets_a_consented_patients_Observations_a_denying_patient_is_absent_and_a_withdrawal_counts_from_the_next_pull()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string consenting = "c" + suffix, denying = "d" + suffix, consentSuffix = Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewPatient(consenting));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewPatient(denying));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewObservation("oc" + suffix, consenting));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewObservation("od" + suffix, denying));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewConsent("kc" + consentSuffix, consenting, Consent.ConsentProvisionType.Permit, "2024-01-15"));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewConsent("kd" + consentSuffix, denying, Consent.ConsentProvisionType.Deny, "2024-01-15"));
        var (consumer, _) = await StartedAsync(null);
        var id = consumer.GetProperty("id").GetString()!;
        var entriesBefore = await FhirTestData.DataAccessEntriesAsync(_federation.Provider);

        using (var regulator = new ManagementClient(_federation.Consumer, TestConnectors.RegulatorKey))
        using (var refused = await regulator.GetAsync($"transfers/{Uri.EscapeDataString(id)}/data?resourceType=Observation&patient={consenting}"))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(entriesBefore.Count, (await FhirTestData.DataAccessEntriesAsync(_federation.Provider)).Count);

        var first = await PullAsync(id, consenting, denying);
        Assert.Equal(["Observation/oc" + suffix], first);

        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewConsent("kc" + consentSuffix, consenting, Consent.ConsentProvisionType.Deny, "2025-06-01"));
        Assert.Empty(await PullAsync(id, consenting, denying));

        var entries = await Eventually.WaitAsync(async () => await FhirTestData.DataAccessEntriesAsync(_federation.Provider) is { } all && all.Count >= entriesBefore.Count + 2 ? all : null, "two data-access entries");
        Assert.Equal(entriesBefore.Count + 2, entries.Count);
        var latest = entries[^2];
        Assert.Equal(1, latest.GetProperty("resourceCount").GetInt64());
        Assert.Equal(1, latest.GetProperty("patientCount").GetInt64());
        Assert.DoesNotContain(consenting, latest.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("kd" + consentSuffix, latest.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(denying, entries[^1].GetRawText(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task When_the_agreements_count_is_used_up_the_next_pull_is_refused()
    {
        var patient = "n" + Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewPatient(patient));
        var (consumer, _) = await StartedAsync(FhirPullSeed.TwoPullsOffer);
        var id = consumer.GetProperty("id").GetString()!;
        await PullAsync(id, patient);
        await PullAsync(id, patient);
        using var management = new ManagementClient(_federation.Consumer);
        using var third = await management.GetAsync($"transfers/{Uri.EscapeDataString(id)}/data?resourceType=Observation&patient={patient}");
        Assert.Equal(HttpStatusCode.Forbidden, third.StatusCode);
        using var error = JsonDocument.Parse(await third.Content.ReadAsStringAsync());
        Assert.Equal("usage_denied", error.RootElement.GetProperty("error").GetString());
    }

    [SkippableFact]
    public async Task A_pull_of_a_resource_type_outside_the_agreed_dataset_is_refused_recorded_and_not_counted()
    {
        var patient = "m" + Guid.NewGuid().ToString("n")[..8];
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewPatient(patient));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewObservation("om" + patient, patient));
        var (consumer, _) = await StartedAsync(null);
        var id = consumer.GetProperty("id").GetString()!;
        var agreementId = consumer.GetProperty("agreementId").GetString()!;
        var usesBefore = await UsesAsync(agreementId);
        var entriesBefore = await FhirTestData.DataAccessEntriesAsync(_federation.Provider);

        // The cardiology dataset covers Observation, Condition, Encounter and Consent: a MedicationRequest is not in the agreement.
        using var management = new ManagementClient(_federation.Consumer);
        using (var outside = await management.GetAsync($"transfers/{Uri.EscapeDataString(id)}/data?resourceType=MedicationRequest&patient={patient}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
            using var error = JsonDocument.Parse(await outside.Content.ReadAsStringAsync());
            Assert.Equal("outside_asset", error.RootElement.GetProperty("error").GetString());
        }
        var refusal = (await Eventually.WaitAsync(async () => await FhirTestData.DataAccessEntriesAsync(_federation.Provider) is { } all && all.Count > entriesBefore.Count ? all : null, "the refusal's entry"))[^1];
        Assert.Equal("deny", refusal.GetProperty("decision").GetString());
        Assert.Equal(0, refusal.GetProperty("resourceCount").GetInt64());
        Assert.Equal(usesBefore, await UsesAsync(agreementId));

        Assert.Equal(["Observation/om" + patient], await PullAsync(id, patient));
        Assert.Equal(usesBefore + 1, await UsesAsync(agreementId));
    }

    private async Task<long> UsesAsync(string agreementId)
    {
        await using var connection = await _federation.Provider.Services.GetRequiredService<ConnectorDatabase>().OpenAsync();
        return await connection.ExecuteScalarAsync<long?>("SELECT uses FROM agreement_uses WHERE agreement_id = @agreementId", new { agreementId }) ?? 0;
    }

    [SkippableFact]
    public async Task Missing_forged_and_revoked_tokens_and_bad_searches_are_refused_with_a_clear_error_and_nothing_else()
    {
        var (consumer, provider) = await StartedAsync(null);
        var stored = await _federation.Consumer.Services.GetRequiredService<TransferStore>().FindAsync(consumer.GetProperty("id").GetString()!);
        var token = DataAddress.Property(stored!.DataAddress, "authorization")!;
        var url = new Uri(_federation.Provider.Identity.PublicUrl, TransferActions.DataPlanePath + "/Observation?patient=x");
        using var http = new HttpClient();

        Assert.Equal("missing_token", await RefusedAsync(http, url, null, HttpStatusCode.Unauthorized));
        Assert.Equal("invalid_token", await RefusedAsync(http, url, "forged-" + token, HttpStatusCode.Unauthorized));
        using (var ok = await SendAsync(http, url, token))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var dataPlane = new Uri(_federation.Provider.Identity.PublicUrl, TransferActions.DataPlanePath + "/Observation");
        Assert.Equal("invalid_request", await RefusedAsync(http, dataPlane, token, HttpStatusCode.BadRequest));
        Assert.Equal("invalid_search", await RefusedAsync(http, new Uri(dataPlane + "?patient=x&colour=blue"), token, HttpStatusCode.BadRequest));
        Assert.Equal("invalid_request", await RefusedAsync(http, new Uri(dataPlane + "?patient=x,bad%20id"), token, HttpStatusCode.BadRequest));
        Assert.Equal("invalid_request", await RefusedAsync(http, new Uri(dataPlane + "?patient=Patient/x/_history/1"), token, HttpStatusCode.BadRequest));

        await NegotiationDriver.PostAsync(_federation.Provider, $"transfers/{Uri.EscapeDataString(provider.GetProperty("id").GetString()!)}/complete", null, HttpStatusCode.OK);
        await TransferDriver.StateAsync(_federation.Consumer, consumer.GetProperty("id").GetString()!, "COMPLETED");
        Assert.Equal("invalid_token", await RefusedAsync(http, url, token, HttpStatusCode.Unauthorized));
    }

    [SkippableFact]
    public async Task The_research_institute_receives_pseudonymised_Observations_of_consenting_patients_only_and_no_identifier_leaks()
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        string consenting = "r" + suffix, silent = "s" + suffix;
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewPatient(consenting));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewPatient(silent));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewObservation("or" + suffix, consenting));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewObservation("os" + suffix, silent));
        await FhirTestData.PutAsync(_federation.Provider, FhirTestData.NewConsent("kr" + Guid.NewGuid().ToString("n")[..8], consenting, Consent.ConsentProvisionType.Permit, "2024-01-15", "HRESCH"));
        var (consumer, _) = await StartedAsync(NegotiationSeed.ResearchOffer, _federation.Research);

        var text = await PullTextAsync(_federation.Research, consumer.GetProperty("id").GetString()!, consenting, silent);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var observation = Assert.Single(lines);
        using var parsed = JsonDocument.Parse(observation);
        Assert.Equal("Observation", parsed.RootElement.GetProperty("resourceType").GetString());
        Assert.Contains("PSEUDED", parsed.RootElement.GetProperty("meta").GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(suffix, text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"subject\":{\"reference\":\"Patient/" + consenting, text, StringComparison.Ordinal);
    }

    private async Task<(JsonElement Consumer, JsonElement Provider)> StartedAsync(string? offerId, RunningConnector? side = null)
    {
        side ??= _federation.Consumer;
        var started = await NegotiationDriver.PostAsync(side, "transfers",
            new JsonObject { ["agreementId"] = await _federation.AgreementAsync(offerId, side), ["format"] = "FHIR-PULL" }, HttpStatusCode.Created);
        Assert.Equal("REQUESTED", started.GetProperty("state").GetString());
        var consumer = await Eventually.WaitAsync<object>(async () =>
            await TransferDriver.GetAsync(side, started.GetProperty("id").GetString()!) is { } view
            && view.GetProperty("state").GetString() == "STARTED" && view.GetProperty("edr").ValueKind == JsonValueKind.Object ? view : null, "the EDR");
        var consumerView = (JsonElement)consumer;
        var provider = await TransferDriver.StateAsync(_federation.Provider, consumerView.GetProperty("providerPid").GetString()!, "STARTED");
        return (consumerView, provider);
    }

    /// <summary>The references of the Observations the partner hospital receives for <paramref name="patients"/>.</summary>
    private async Task<List<string>> PullAsync(string transferId, params string[] patients) =>
        (await PullTextAsync(_federation.Consumer, transferId, patients)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(r => r.GetProperty("resourceType").GetString() + "/" + r.GetProperty("id").GetString()).ToList();

    /// <summary>The NDJSON <paramref name="side"/> receives through its EDR for <paramref name="patients"/>' Observations.</summary>
    private static async Task<string> PullTextAsync(RunningConnector side, string transferId, params string[] patients)
    {
        using var management = new ManagementClient(side);
        using var response = await management.GetAsync($"transfers/{Uri.EscapeDataString(transferId)}/data?resourceType=Observation&patient={string.Join(',', patients)}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        Assert.Equal("application/fhir+ndjson", response.Content.Headers.ContentType?.MediaType);
        return text;
    }

    private static async Task<string?> RefusedAsync(HttpClient http, Uri url, string? token, HttpStatusCode expected)
    {
        using var response = await SendAsync(http, url, token);
        Assert.Equal(expected, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, Uri url, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

}

/// <summary>The FHIR pull with every connector on SQLite.</summary>
public sealed class FhirPullTests(AutoTransferFederation federation) : FhirPullScenarios(federation), IClassFixture<AutoTransferFederation>;

/// <summary>The FHIR pull with every connector on PostgreSQL, each in its own schema.</summary>
public sealed class PostgresFhirPullTests(PostgresAutoTransferFederation federation) : FhirPullScenarios(federation), IClassFixture<PostgresAutoTransferFederation>;
