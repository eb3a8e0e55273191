using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage.Sqlite;
using Dataspace.Connector.Tests.Cli;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>Two connectors on loopback: one witnesses the other's ledger, cosigns consistent heads and raises the alarm on a rewritten history.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LedgerWitnessTests : IAsyncLifetime
{
    private RunningConnector _owner = null!;
    private RunningConnector _witness = null!;

    public async Task InitializeAsync()
    {
        var ownerOptions = TestConnectors.Options("owner");
        var witnessOptions = TestConnectors.Options("witness");
        var ownerDid = DidWeb.FromUrl(new Uri(ownerOptions.Participant.PublicUrl));
        ownerOptions.Members = [DidWeb.FromUrl(new Uri(witnessOptions.Participant.PublicUrl))];
        witnessOptions.Members = [ownerDid];
        witnessOptions.Ledger.WitnessPeers = [ownerDid];
        witnessOptions.Ledger.WitnessInterval = TimeSpan.Zero;
        _owner = await TestConnectors.StartAsync(ownerOptions);
        _witness = await TestConnectors.StartAsync(witnessOptions);
    }

    public async Task DisposeAsync()
    {
        await _witness.DisposeAsync();
        await _owner.DisposeAsync();
    }

    [Fact]
    public async Task A_witness_cosigns_consistent_heads_and_the_owner_stores_verifiable_cosignatures()
    {
        await AppendToOwnerAsync(0, 5);

        var first = await WitnessNowAsync();
        await AppendToOwnerAsync(5, 13);
        var second = await WitnessNowAsync();

        Assert.Equal((WitnessStatus.Cosigned, 5L), (first.Status, first.TreeSize));
        Assert.Equal((WitnessStatus.Cosigned, 13L), (second.Status, second.TreeSize));
        var (head, cosignatures) = await OwnerLedger().GetTreeHeadAsync();
        var cosignature = Assert.Single(cosignatures);
        Assert.Equal(_witness.Identity.Did, cosignature.WitnessDid);
        Assert.True(cosignature.Verify(head, _witness.Identity.SigningKey.ECDsa, _witness.Identity.KeyId));
        Assert.Equal(13, (await _witness.Services.GetRequiredService<LedgerStore>().LastWitnessedAsync(_owner.Identity.Did))!.TreeSize);

        var verify = await CliRun.InvokeAsync("ledger", "verify", "--url", _owner.Identity.PublicUrl.ToString());
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("Verified: 13 entries, 1 signed tree heads, 1 cosignatures checked.", verify.Out, StringComparison.Ordinal);

        var inclusion = await CliRun.InvokeAsync("ledger", "prove", "--url", _owner.Identity.PublicUrl.ToString(), "inclusion", "--index", "7");
        Assert.Equal(0, inclusion.ExitCode);
        Assert.Contains("\"audit_path\"", inclusion.Out, StringComparison.Ordinal);
        Assert.Contains("Verified.", inclusion.Out, StringComparison.Ordinal);
        var consistency = await CliRun.InvokeAsync("ledger", "prove", "--url", _owner.Identity.PublicUrl.ToString(), "consistency", "--first", "5", "--second", "13");
        Assert.Equal(0, consistency.ExitCode);
        Assert.Contains("Verified.", consistency.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rewritten_history_is_an_alarm_and_is_never_cosigned()
    {
        await AppendToOwnerAsync(0, 8);
        Assert.Equal(WitnessStatus.Cosigned, (await WitnessNowAsync()).Status);

        // The owner's operator wipes the log and writes another history, longer than the one witnessed, signed with the real key.
        await using (var connection = await new SqliteDatabase(Path.Combine(_owner.Options.Participant.DataFolder, "connector.db")).OpenAsync())
            await connection.ExecuteAsync("DELETE FROM ledger_entries; DELETE FROM ledger_subtrees; DELETE FROM ledger_tree_heads; DELETE FROM ledger_cosignatures;");
        await AppendToOwnerAsync(100, 112);
        var rewritten = await WitnessNowAsync();

        Assert.Equal(WitnessStatus.Inconsistent, rewritten.Status);
        Assert.Equal(12, rewritten.TreeSize);
        Assert.Contains("does not extend the one of 8", rewritten.Detail, StringComparison.Ordinal);
        var (head, cosignatures) = await OwnerLedger().GetTreeHeadAsync();
        Assert.Equal(12, head.TreeSize);
        Assert.Empty(cosignatures);
        // The witness keeps the head it vouched for, so the rewrite stays detectable on every later run.
        Assert.Equal(8, (await _witness.Services.GetRequiredService<LedgerStore>().LastWitnessedAsync(_owner.Identity.Did))!.TreeSize);
        Assert.Equal(WitnessStatus.Inconsistent, (await WitnessNowAsync()).Status);
    }

    [Fact]
    public async Task The_owner_refuses_a_cosignature_that_is_not_the_callers_over_that_head()
    {
        await AppendToOwnerAsync(0, 3);
        var head = (await OwnerLedger().GetTreeHeadAsync()).TreeHead;
        var tokens = _witness.Services.GetRequiredService<SelfIssuedTokens>();
        // Signed by the owner's key under the witness's name: the witness's DID document does not hold that key.
        var forged = Cosignature.Create(head, _witness.Identity.Did, _owner.Identity.SigningKey.ECDsa, _witness.Identity.KeyId);

        var (status, detail) = await OwnerLedger().PostCosignatureAsync(head.TreeSize, forged, tokens.Create(_owner.Identity.Did, TimeSpan.FromMinutes(1)));
        var (unknownSize, _) = await OwnerLedger().PostCosignatureAsync(999, Cosignature.Create(head, _witness.Identity.Did, _witness.Identity.SigningKey.ECDsa, _witness.Identity.KeyId),
            tokens.Create(_owner.Identity.Did, TimeSpan.FromMinutes(1)));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("does not verify", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownSize);
        Assert.Empty((await OwnerLedger().GetTreeHeadAsync()).Cosignatures);
    }

    [Fact]
    public async Task Witnessing_is_an_operator_call_of_the_management_api()
    {
        using var regulator = new ManagementClient(_witness, TestConnectors.RegulatorKey);
        using var stranger = await new ManagementClient(_witness).PostAsync("ledger/witness", """{"did": "did:web:stranger.example"}""");

        using var refused = await regulator.PostAsync("ledger/witness", "{}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    private LedgerClient OwnerLedger() => new(new HttpClient(), _owner.Identity.PublicUrl);

    private async Task AppendToOwnerAsync(int from, int to)
    {
        var ledger = _owner.Services.GetRequiredService<LedgerService>();
        await Task.WhenAll(Enumerable.Range(from, to - from).Select(i => ledger.AppendAsync(LedgerTestBed.Entry(i))));
    }

    private async Task<WitnessOutcome> WitnessNowAsync()
    {
        using var management = new ManagementClient(_witness);
        using var response = await management.PostAsync("ledger/witness", "");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outcomes = await response.Content.ReadFromJsonAsync<List<WitnessOutcome>>();
        return Assert.Single(outcomes!);
    }
}
