using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Tests.Catalog;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>One connector whose ledger holds the 25 test entries; tests that append use a connector of their own.</summary>
public sealed class LedgerApiFixture : IAsyncLifetime
{
    public RunningConnector Connector { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Starts a connector and appends entries 0 to <paramref name="count"/> − 1.</summary>
    public static async Task<RunningConnector> StartWithEntriesAsync(int count)
    {
        var connector = await TestConnectors.StartAsync(TestConnectors.Options("ledger-api"));
        var ledger = connector.Services.GetRequiredService<LedgerService>();
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => ledger.AppendAsync(LedgerTestBed.Entry(i))));
        return connector;
    }

    /// <summary>A client for the connector's ledger API.</summary>
    public static HttpClient ClientFor(RunningConnector connector) => new() { BaseAddress = new Uri(connector.Identity.PublicUrl, LedgerClient.BasePath + "/") };

    public async Task InitializeAsync()
    {
        Connector = await StartWithEntriesAsync(25);
        Http = ClientFor(Connector);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Connector.DisposeAsync();
    }
}

/// <summary>The read-only ledger API over real HTTP: its JSON contract, proofs checked with the library's verifiers, and bad input.</summary>
public sealed class LedgerApiTests(LedgerApiFixture fixture) : IClassFixture<LedgerApiFixture>
{
    private readonly RunningConnector _connector = fixture.Connector;
    private readonly HttpClient _http = fixture.Http;

    [Fact]
    public async Task The_tree_head_is_signed_by_the_connectors_did_key_with_base64_hashes()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("sth"));
        var root = json.RootElement;

        Assert.Equal(["tree_size", "root_hash", "timestamp", "signature", "cosignatures"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(25, root.GetProperty("tree_size").GetInt64());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("cosignatures").ValueKind);
        var head = JsonSerializer.Deserialize<TreeHeadJson>(root.GetRawText())!.ToSignedTreeHead()!;
        Assert.Equal(LedgerTestBed.Reference(25).GetTreeHead().RootHash, MerkleHash.FromBase64(root.GetProperty("root_hash").GetString()!));
        Assert.Equal(_connector.Identity.KeyId, JwsKeyId.Read(head.Signature));
        Assert.True(head.Verify(_connector.Identity.SigningKey.ECDsa, _connector.Identity.KeyId));
    }

    [Fact]
    public async Task Entries_carry_the_canonical_json_whose_leaf_hash_is_served_beside_it()
    {
        var page = await _http.GetFromJsonAsync<List<EntryJson>>("entries?start=3&end=6");

        Assert.Equal([3L, 4, 5, 6], page!.Select(e => e.Index));
        foreach (var entry in page!)
        {
            Assert.Equal(Encoding.UTF8.GetString(LedgerTestBed.Entry((int)entry.Index).ToCanonicalJson()), entry.Entry);
            Assert.Equal(MerkleHasher.LeafHash(Encoding.UTF8.GetBytes(entry.Entry)).ToBase64(), entry.LeafHash);
        }

        // A range past the end is cut at the tree size, as RFC 6962 get-entries allows.
        Assert.Equal([23L, 24], (await _http.GetFromJsonAsync<List<EntryJson>>("entries?start=23&end=1000"))!.Select(e => e.Index));
    }

    [Fact]
    public async Task Served_proofs_verify_against_the_signed_root_and_an_independent_tree()
    {
        var reference = LedgerTestBed.Reference(25);
        var head = (await _http.GetFromJsonAsync<TreeHeadJson>("sth"))!.ToSignedTreeHead()!;
        for (var index = 0; index < 25; index++)
        {
            var json = (await _http.GetFromJsonAsync<InclusionProofJson>($"proof/inclusion?index={index}"))!;
            Assert.Equal((index, 25L), (json.LeafIndex, json.TreeSize));
            Assert.True(json.ToProof()!.Verify(reference.GetSubtreeHash(0, index), head.RootHash), $"inclusion of {index}");
        }

        var withSize = (await _http.GetFromJsonAsync<InclusionProofJson>("proof/inclusion?index=6&tree_size=7"))!.ToProof()!;
        Assert.True(withSize.Verify(reference.GetSubtreeHash(0, 6), reference.GetTreeHead(7).RootHash));
        for (var first = 1; first <= 25; first++)
        {
            var json = (await _http.GetFromJsonAsync<ConsistencyProofJson>($"proof/consistency?first={first}&second=25"))!;
            Assert.Equal((first, 25L), (json.First, json.Second));
            Assert.True(json.ToProof()!.Verify(reference.GetTreeHead(first), head.Head), $"consistency {first} → 25");
        }

        Assert.Empty((await _http.GetFromJsonAsync<ConsistencyProofJson>("proof/consistency?first=25"))!.Proof);
    }

    [Theory]
    [InlineData("sth?tree_size=abc")]
    [InlineData("sth?tree_size=-1")]
    [InlineData("entries")]
    [InlineData("entries?start=25")]
    [InlineData("entries?start=5&end=4")]
    [InlineData("entries?start=1.5")]
    [InlineData("entries?start=99999999999999999999")]
    [InlineData("proof/inclusion")]
    [InlineData("proof/inclusion?index=25")]
    [InlineData("proof/inclusion?index=3&tree_size=3")]
    [InlineData("proof/inclusion?index=3&tree_size=26")]
    [InlineData("proof/inclusion?index=%2B3")]
    [InlineData("proof/inclusion?index=1&index=2")]
    [InlineData("proof/consistency")]
    [InlineData("proof/consistency?first=0&second=5")]
    [InlineData("proof/consistency?first=6&second=5")]
    [InlineData("proof/consistency?first=5&second=26")]
    [InlineData("proof/consistency?first=x&second=5")]
    public async Task Bad_input_is_a_400_problem_and_appends_nothing(string query)
    {
        using var response = await _http.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:dataspace:problem:invalid-request", problem.RootElement.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
        Assert.Equal(25, (await _http.GetFromJsonAsync<TreeHeadJson>("sth"))!.TreeSize);
    }

    [Fact]
    public async Task A_tree_size_the_ledger_never_signed_is_404_and_a_signed_one_is_served()
    {
        using var missing = await _http.GetAsync("sth?tree_size=999");
        var current = await _http.GetFromJsonAsync<TreeHeadJson>("sth?tree_size=25");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(25, current!.TreeSize);
    }

    [Fact]
    public async Task A_cosignature_without_a_members_token_is_refused()
    {
        using var response = await _http.PostAsJsonAsync("cosignatures", new CosignatureSubmission(25, "a.b.c"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty((await _http.GetFromJsonAsync<TreeHeadJson>("sth"))!.Cosignatures!);
    }

    [Fact]
    public async Task Creating_updating_and_deleting_a_policy_each_append_a_policy_changed_entry()
    {
        await using var connector = await LedgerApiFixture.StartWithEntriesAsync(0);
        using var http = LedgerApiFixture.ClientFor(connector);
        using var management = new ManagementClient(connector);
        await management.CreateAsync("policies", CatalogSeed.MembersAccess);
        using (var update = await management.PutAsync("policies/members-access", CatalogSeed.MembersAccess.Replace("\"use\"", "\"display\"", StringComparison.Ordinal)))
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        using (var delete = await management.DeleteAsync("policies/members-access"))
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);

        var entries = (await http.GetFromJsonAsync<List<EntryJson>>("entries?start=0&end=2"))!
            .Select(e => JsonDocument.Parse(e.Entry).RootElement).ToList();

        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(("policy-changed", "members-access"), (e.GetProperty("kind").GetString(), e.GetProperty("policyId").GetString())));
        Assert.NotEqual(entries[0].GetProperty("policyHash").GetString(), entries[1].GetProperty("policyHash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", entries[0].GetProperty("policyHash").GetString());
        Assert.Equal(PolicyChanges.Deleted, entries[2].GetProperty("policyHash").GetString());
    }

    [Fact]
    public async Task A_consent_stored_through_the_fhir_facade_appends_its_hash_and_the_patients_pseudonym_only()
    {
        await using var connector = await LedgerApiFixture.StartWithEntriesAsync(0);
        using var http = LedgerApiFixture.ClientFor(connector);
        var consent = await File.ReadAllTextAsync(Path.Combine(TestPaths.SharedTestData, "fhir-r4", "spec-examples", "consent-example.json"));
        using var fhir = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(connector.Identity.PublicUrl, "/fhir/Consent"))
        {
            Content = new StringContent(consent, Encoding.UTF8, "application/fhir+json"),
        };
        request.Headers.Add(Dataspace.Connector.Management.ApiKeyFilter.Header, TestConnectors.OperatorKey);
        using (var created = await fhir.SendAsync(request))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var entry = Assert.Single((await http.GetFromJsonAsync<List<EntryJson>>("entries?start=0"))!);
        using var json = JsonDocument.Parse(entry.Entry);

        var patient = JsonDocument.Parse(consent).RootElement.GetProperty("patient").GetProperty("reference").GetString()!;
        var pseudonyms = connector.Services.GetRequiredService<LedgerPseudonyms>();
        Assert.Equal("consent-recorded", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(pseudonyms.Derive(patient).Value, json.RootElement.GetProperty("patient").GetString());
        Assert.Matches("^[0-9a-f]{64}$", json.RootElement.GetProperty("consentHash").GetString());
        Assert.DoesNotContain(patient, entry.Entry, StringComparison.Ordinal);
    }
}
