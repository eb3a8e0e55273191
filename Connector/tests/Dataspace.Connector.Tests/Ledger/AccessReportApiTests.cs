using System.Net;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Management;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>One connector whose ledger holds <see cref="AccessReportScenario"/>.</summary>
public sealed class AccessReportApiFixture : IAsyncLifetime
{
    public RunningConnector Connector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await TestConnectors.StartAsync(TestConnectors.Options("access-report"));
        await AccessReportScenario.AppendAsync(Connector.Services.GetRequiredService<LedgerService>(), Connector.Services.GetRequiredService<LedgerPseudonyms>());
    }

    public async Task DisposeAsync() => await Connector.DisposeAsync();
}

/// <summary><c>GET /api/management/v1/patients/{id}/access-report</c> over real HTTP: its JSON, paging, roles and bad input.</summary>
public sealed class AccessReportApiTests(AccessReportApiFixture fixture) : IClassFixture<AccessReportApiFixture>
{
    private readonly RunningConnector _connector = fixture.Connector;

    [Fact]
    public async Task A_patients_report_carries_their_accesses_and_consent_events_under_the_signed_tree_head()
    {
        using var json = await GetJsonAsync("patients/alice/access-report");
        var root = json.RootElement;

        Assert.Equal(["patient", "pseudonym", "treeHead", "from", "to", "accesses", "consentEvents", "nextAfter", "next"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Patient/alice", root.GetProperty("patient").GetString());
        Assert.Equal(_connector.Services.GetRequiredService<LedgerPseudonyms>().Derive(AccessReportScenario.Alice).Value, root.GetProperty("pseudonym").GetString());
        var head = JsonSerializer.Deserialize<TreeHeadJson>(root.GetProperty("treeHead").GetRawText())!.ToSignedTreeHead()!;
        Assert.Equal(7, head.TreeSize);
        Assert.True(head.Verify(_connector.Identity.SigningKey.ECDsa, _connector.Identity.KeyId));

        var access = root.GetProperty("accesses")[0];
        Assert.Equal(
            ["index", "leafHash", "recordedAt", "consumerDid", "purpose", "agreementId", "decision", "resourceCount", "breakGlass", "consentIds", "inclusionProof"],
            access.EnumerateObject().Select(p => p.Name));
        Assert.Equal((2, "did:web:research.example", "RESEARCH", "agr-research", "permit", 3, false),
            (access.GetProperty("index").GetInt64(), access.GetProperty("consumerDid").GetString(), access.GetProperty("purpose").GetString(),
             access.GetProperty("agreementId").GetString(), access.GetProperty("decision").GetString(), access.GetProperty("resourceCount").GetInt64(),
             access.GetProperty("breakGlass").GetBoolean()));
        Assert.Equal(AccessReportScenario.At(2), access.GetProperty("recordedAt").GetDateTimeOffset());
        Assert.Equal([2L, 6L], root.GetProperty("accesses").EnumerateArray().Select(a => a.GetProperty("index").GetInt64()));
        Assert.Equal("deny", root.GetProperty("accesses")[1].GetProperty("decision").GetString());
        Assert.Equal(
            [(0L, "recorded", "c-alice"), (5L, "revoked", "c-alice")],
            root.GetProperty("consentEvents").EnumerateArray().Select(e => (e.GetProperty("index").GetInt64(), e.GetProperty("event").GetString(), e.GetProperty("consentId").GetString())));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task The_inclusion_proof_path_of_an_entry_answers_with_a_proof_of_that_index()
    {
        using var json = await GetJsonAsync("patients/bob/access-report");
        var access = json.RootElement.GetProperty("accesses")[1];

        using var http = new HttpClient { BaseAddress = _connector.Identity.PublicUrl };
        var proof = JsonSerializer.Deserialize<InclusionProofJson>(await http.GetStringAsync(access.GetProperty("inclusionProof").GetString()))!;

        var head = JsonSerializer.Deserialize<TreeHeadJson>(json.RootElement.GetProperty("treeHead").GetRawText())!.ToSignedTreeHead()!;
        Assert.Equal((4L, 7L), (proof.LeafIndex, proof.TreeSize));
        Assert.True(proof.ToProof()!.Verify(ConsentLedger.Merkle.MerkleHash.FromBase64(access.GetProperty("leafHash").GetString()!), head.RootHash));
        Assert.True(access.GetProperty("breakGlass").GetBoolean());
    }

    [Fact]
    public async Task A_patient_the_ledger_never_named_gets_an_empty_report_not_a_404()
    {
        using var json = await GetJsonAsync("patients/never-seen/access-report");

        Assert.Empty(json.RootElement.GetProperty("accesses").EnumerateArray());
        Assert.Empty(json.RootElement.GetProperty("consentEvents").EnumerateArray());
        Assert.Equal(7, json.RootElement.GetProperty("treeHead").GetProperty("tree_size").GetInt64());
    }

    [Fact]
    public async Task Pages_link_to_the_next_until_the_last()
    {
        var indices = new List<long>();
        var path = "patients/alice/access-report?limit=1";
        var pages = 0;
        while (path is not null)
        {
            using var json = await GetJsonAsync(path);
            var root = json.RootElement;
            indices.AddRange(root.GetProperty("accesses").EnumerateArray().Concat(root.GetProperty("consentEvents").EnumerateArray()).Select(e => e.GetProperty("index").GetInt64()));
            path = root.GetProperty("next").GetString()?[(ParticipantEndpoints.Base.Length + 1)..];
            pages++;
        }

        Assert.Equal([0L, 2L, 5L, 6L], indices);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task From_and_to_select_entries_by_the_time_they_were_recorded()
    {
        using var json = await GetJsonAsync("patients/alice/access-report?from=2026-03-01T11:00:00Z&to=2026-03-01T15:00:00%2B00:00");

        Assert.Equal([2L], json.RootElement.GetProperty("accesses").EnumerateArray().Select(a => a.GetProperty("index").GetInt64()));
        Assert.Equal([5L], json.RootElement.GetProperty("consentEvents").EnumerateArray().Select(e => e.GetProperty("index").GetInt64()));
    }

    [Theory]
    [InlineData("patients/alice/access-report?from=yesterday")]
    [InlineData("patients/alice/access-report?from=2026-13-01")]
    [InlineData("patients/alice/access-report?from=2026-03-01T09:00:00")]
    [InlineData("patients/alice/access-report?from=03/01/2026")]
    [InlineData("patients/alice/access-report?from=2026-03-01&from=2026-03-02")]
    [InlineData("patients/alice/access-report?from=2026-03-02&to=2026-03-01")]
    [InlineData("patients/alice/access-report?limit=0")]
    [InlineData("patients/alice/access-report?limit=1001")]
    [InlineData("patients/alice/access-report?after=-1")]
    [InlineData("patients/alice/access-report?treeSize=99")]
    [InlineData("patients/al%20ice/access-report")]
    [InlineData("patients/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/access-report")]
    public async Task Bad_input_is_a_400_problem_that_does_not_echo_it_and_changes_nothing(string path)
    {
        using var management = new ManagementClient(_connector);

        using var response = await management.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("urn:dataspace:problem:invalid-request", problem.RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain("alice", body, StringComparison.Ordinal);
        Assert.DoesNotContain("yesterday", body, StringComparison.Ordinal);
        Assert.Equal(7, (await _connector.Services.GetRequiredService<LedgerStore>().LatestTreeHeadAsync())!.TreeSize);
    }

    [Fact]
    public async Task Only_operators_read_access_reports()
    {
        using var regulator = new ManagementClient(_connector, TestConnectors.RegulatorKey);
        using var stranger = new ManagementClient(_connector, "not-a-key");

        using var asRegulator = await regulator.GetAsync("patients/alice/access-report");
        using var asStranger = await stranger.GetAsync("patients/alice/access-report");

        Assert.Equal(HttpStatusCode.Forbidden, asRegulator.StatusCode);
        Assert.Equal("application/problem+json", asRegulator.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("c-alice", await asRegulator.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, asStranger.StatusCode);
    }

    private async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var management = new ManagementClient(_connector);
        using var response = await management.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body);
    }
}
