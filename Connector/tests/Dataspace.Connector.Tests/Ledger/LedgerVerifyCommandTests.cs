using System.Text.Json;
using Dapper;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Tests.Cli;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary><c>dataspace ledger verify</c> on real database files and a PostgreSQL schema: every tamper is caught and its first bad index named.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LedgerVerifyCommandTests
{
    [Fact]
    public async Task An_untouched_sqlite_ledger_verifies_with_the_key_beside_it()
    {
        await using var bed = await LedgerWithFortyEntriesAsync();

        var run = await CliRun.InvokeAsync("ledger", "verify", "--db", bed.DatabasePath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Verified: 40 entries, 4 signed tree heads, 0 cosignatures checked.", run.Out, StringComparison.Ordinal);
        Assert.Contains(LedgerTestBed.Reference(40).GetTreeHead().RootHash.ToBase64(), run.Out, StringComparison.Ordinal);
        Assert.Contains(bed.KeyPath, run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LedgerTamper.Names), MemberType = typeof(LedgerTamper))]
    public async Task Each_tamper_of_a_sqlite_file_fails_naming_the_first_bad_index(string tamper)
    {
        await using var bed = await LedgerWithFortyEntriesAsync();
        await TamperAsync(bed, LedgerTamper.Named(tamper));

        var run = await CliRun.InvokeAsync("ledger", "verify", "--db", bed.DatabasePath);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"FAILED at index {LedgerTamper.Named(tamper).FirstBadIndex}:", run.Out, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(LedgerTamper.Names), MemberType = typeof(LedgerTamper))]
    public async Task Each_tamper_of_a_postgres_schema_fails_naming_the_first_bad_index(string tamper)
    {
        var postgres = TestPostgres.Require();
        await using var bed = await LedgerWithFortyEntriesAsync(postgres);
        var verify = new[] { "ledger", "verify", "--postgres", postgres, "--schema", bed.Schema!, "--public-key", bed.KeyPath };
        Assert.Equal(0, (await CliRun.InvokeAsync(verify)).ExitCode);
        await TamperAsync(bed, LedgerTamper.Named(tamper));

        var run = await CliRun.InvokeAsync(verify);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"FAILED at index {LedgerTamper.Named(tamper).FirstBadIndex}:", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consistently_rewritten_and_resigned_tree_is_caught_by_its_tree_heads_or_a_trusted_one()
    {
        await using var bed = await LedgerWithFortyEntriesAsync();
        var trusted = (await bed.Store.TreeHeadAsync(25))!;
        var trustedFile = Path.Combine(bed.Folder, "trusted-sth.json");
        await File.WriteAllTextAsync(trustedFile, JsonSerializer.Serialize(TreeHeadJson.From(trusted, [])));
        Assert.Equal(0, (await CliRun.InvokeAsync("ledger", "verify", "--db", bed.DatabasePath, "--trusted-sth", trustedFile)).ExitCode);

        // A trusted head that the log does not contain (same key, another root) must fail even though every stored head verifies.
        var forged = SignedTreeHead.Sign(new TreeHead(25, MerkleHasher.LeafHash([1, 2, 3])), DateTimeOffset.UtcNow, bed.Key, LedgerTestBed.KeyId);
        await File.WriteAllTextAsync(trustedFile, JsonSerializer.Serialize(TreeHeadJson.From(forged, [])));
        var run = await CliRun.InvokeAsync("ledger", "verify", "--db", bed.DatabasePath, "--trusted-sth", trustedFile);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no longer matches the trusted tree head of size 25", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tree_head_signed_by_another_key_fails()
    {
        await using var bed = await LedgerWithFortyEntriesAsync();
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var otherKey = Path.Combine(bed.Folder, "other.pem");
        await File.WriteAllTextAsync(otherKey, other.ExportSubjectPublicKeyInfoPem());

        var run = await CliRun.InvokeAsync("ledger", "verify", "--db", bed.DatabasePath, "--public-key", otherKey);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not verify", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ledger", "verify")]
    [InlineData("ledger", "verify", "--db", "x.db", "--url", "http://127.0.0.1:1")]
    [InlineData("ledger", "verify", "--db", "/nonexistent/connector.db")]
    [InlineData("ledger", "verify", "--url", "not a url")]
    [InlineData("ledger", "prove", "inclusion", "--index", "1")]
    [InlineData("ledger")]
    public async Task Usage_and_input_errors_exit_2(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.NotEmpty(run.Error);
    }

    /// <summary>40 entries in four batches, so there are four signed tree heads (10, 25, 32, 40).</summary>
    private static async Task<LedgerTestBed> LedgerWithFortyEntriesAsync(string? postgres = null)
    {
        var bed = await LedgerTestBed.CreateAsync(postgres);
        foreach (var (from, to) in new[] { (0, 10), (10, 25), (25, 32), (32, 40) })
        {
            await bed.WriteBatchAsync(from, to);
        }

        return bed;
    }

    private static async Task TamperAsync(LedgerTestBed bed, LedgerTamper tamper)
    {
        await using var connection = await bed.Database.OpenAsync();
        await connection.ExecuteAsync(tamper.Sql(bed.Database.Dialect));
    }
}
