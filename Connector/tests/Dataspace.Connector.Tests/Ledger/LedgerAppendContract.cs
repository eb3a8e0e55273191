using Dapper;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>Batched durable appends, tree heads and proofs, checked against an independent in-memory tree and the library's verifiers; run on each database.</summary>
public abstract class LedgerAppendContract
{
    /// <summary>The database under test; may skip.</summary>
    protected abstract Task<LedgerTestBed> CreateAsync();

    [SkippableFact]
    public async Task Concurrent_appends_get_distinct_indices_and_a_signed_root_equal_to_an_independent_tree()
    {
        await using var bed = await CreateAsync();

        var indices = await bed.AppendAsync(0, 300);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => (long)i), indices.Order());
        var head = await bed.Store.LatestTreeHeadAsync();
        Assert.NotNull(head);
        Assert.Equal(300, head.TreeSize);
        Assert.True(head.Verify(bed.Key, LedgerTestBed.KeyId));
        // Each caller's index holds its own entry, whatever batch it landed in.
        var stored = await bed.Store.EntriesAsync(0, 299);
        for (var i = 0; i < 300; i++)
        {
            Assert.Equal(System.Text.Encoding.UTF8.GetString(LedgerTestBed.Entry(i).ToCanonicalJson()), stored[(int)indices[i]].Entry);
        }

        Assert.All(stored, e => Assert.Equal(MerkleHasher.LeafHash(System.Text.Encoding.UTF8.GetBytes(e.Entry)), e.LeafHash));
        var independent = new InMemoryMerkleTree();
        foreach (var entry in stored)
        {
            independent.Append(System.Text.Encoding.UTF8.GetBytes(entry.Entry));
        }

        Assert.Equal(independent.GetTreeHead().RootHash, head.RootHash);
    }

    [SkippableFact]
    public async Task Inclusion_and_consistency_proofs_from_the_store_verify_against_independent_roots()
    {
        await using var bed = await CreateAsync();
        await bed.AppendAsync(0, 200);
        var reference = LedgerTestBed.Reference(200);
        var random = new Random(7);

        for (var probe = 0; probe < 60; probe++)
        {
            var size = random.Next(1, 201);
            var index = random.Next(0, size);
            var proof = await bed.Tree.InclusionProofAsync(index, size);
            Assert.True(InclusionProof.Verify(index, size, reference.GetSubtreeHash(0, index), proof.AuditPath.AsSpan(), reference.GetTreeHead(size).RootHash),
                $"inclusion of {index} in {size}");

            var first = random.Next(1, 201);
            var second = random.Next(first, 201);
            var consistency = await bed.Tree.ConsistencyProofAsync(first, second);
            Assert.True(consistency.Verify(reference.GetTreeHead(first), reference.GetTreeHead(second)), $"consistency {first} → {second}");
            Assert.Equal(reference.GetTreeHead(size).RootHash, await bed.Tree.RootHashAsync(size));
        }
    }

    [SkippableFact]
    public async Task A_restarted_writer_continues_the_same_tree()
    {
        await using var bed = await CreateAsync();
        await bed.AppendAsync(0, 37);

        await bed.RestartAsync();
        var next = await bed.Service.AppendAsync(LedgerTestBed.Entry(37));
        await bed.AppendAsync(38, 50);

        Assert.Equal(37, next);
        Assert.Equal(LedgerTestBed.Reference(50).GetTreeHead().RootHash, (await bed.Store.LatestTreeHeadAsync())!.RootHash);
    }

    [SkippableFact]
    public async Task A_batch_whose_transaction_rolls_back_leaves_the_last_tree_head_and_no_entries_and_the_next_batch_continues()
    {
        await using var bed = await CreateAsync();
        await bed.AppendAsync(0, 10);
        var before = await bed.Store.LatestTreeHeadAsync();
        // The database refuses the batch's last statement (its tree head), after its entries and subtree hashes were written.
        await ExecuteAsync(bed.Database, FailTreeHeadInserts(bed.Database.Dialect));

        var failed = await Assert.ThrowsAsync<LedgerAppendException>(() => bed.Service.AppendAsync(LedgerTestBed.Entry(10)));

        Assert.Contains("not written", failed.Message, StringComparison.Ordinal);
        Assert.Equal(before, await bed.Store.LatestTreeHeadAsync());
        Assert.Empty(await bed.Store.EntriesAsync(10, 20));
        Assert.Empty(await bed.Store.SubtreesAsync([(0, 10L)]));

        await ExecuteAsync(bed.Database, bed.Database.Dialect == SqlDialect.Sqlite ? "DROP TRIGGER refuse_tree_heads" : "DROP TRIGGER refuse_tree_heads ON ledger_tree_heads");
        Assert.Equal(10, await bed.Service.AppendAsync(LedgerTestBed.Entry(10)));
        Assert.Equal(LedgerTestBed.Reference(11).GetTreeHead().RootHash, (await bed.Store.LatestTreeHeadAsync())!.RootHash);
    }

    [SkippableFact]
    public async Task Two_writers_on_one_database_take_turns_and_build_one_verifiable_tree()
    {
        await using var bed = await CreateAsync();
        // A second replica: its own writer, frontier and cache over the same tables.
        await using var replica = new LedgerService(
            new LedgerWriter(bed.Database, new LedgerSigner(bed.Key, LedgerTestBed.KeyId), new SubtreeCache(), TimeProvider.System), 16,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LedgerService>.Instance);

        var appends = Enumerable.Range(0, 120).Select(i => (i % 2 == 0 ? bed.Service : replica).AppendAsync(LedgerTestBed.Entry(i))).ToList();
        var indices = await Task.WhenAll(appends);

        Assert.Equal(Enumerable.Range(0, 120).Select(i => (long)i), indices.Order());
        Assert.Equal(120, (await bed.Store.LatestTreeHeadAsync())!.TreeSize);
        await using var source = new DatabaseAuditSource(bed.Database);
        var report = await new LedgerAuditor(source, new AuditKeys(
            (_, _) => Task.FromResult<System.Security.Cryptography.ECDsa?>(bed.Key), (_, _, _) => Task.FromResult<System.Security.Cryptography.ECDsa?>(null))).RunAsync(null);
        Assert.True(report.Verified, report.Finding?.ToString());
        Assert.Equal(120, report.Entries);
    }

    [SkippableTheory]
    [InlineData(null, null)]
    [InlineData("UPDATE ledger_entries SET entry = replace(entry, 'policy-4500', 'policy-4501') WHERE leaf_index = 4500", 4500L)]
    [InlineData("DELETE FROM ledger_entries WHERE leaf_index = 2048", 2048L)]
    [InlineData("DELETE FROM ledger_subtrees WHERE level = 0 AND subtree_index = 4095", 4095L)]
    public async Task A_database_audit_over_several_read_blocks_verifies_and_names_the_first_bad_index(string? tamper, long? firstBadIndex)
    {
        await using var bed = await CreateAsync();
        // More entries than two of the auditor's read blocks (2,048 each), so hashes cross the reader's hand-offs.
        const int size = 5000;
        for (var from = 0; from < size; from += 500)
        {
            await bed.AppendAsync(from, from + 500);
        }

        if (tamper is not null)
        {
            await ExecuteAsync(bed.Database, tamper);
        }

        await using var source = new DatabaseAuditSource(bed.Database);
        var report = await new LedgerAuditor(source, new AuditKeys(
            (_, _) => Task.FromResult<System.Security.Cryptography.ECDsa?>(bed.Key), (_, _, _) => Task.FromResult<System.Security.Cryptography.ECDsa?>(null))).RunAsync(null);

        if (firstBadIndex is null)
        {
            Assert.True(report.Verified, report.Finding?.ToString());
            Assert.Equal(size, report.Entries);
            Assert.Equal(LedgerTestBed.Reference(size).GetTreeHead().RootHash, report.RootHash);
        }
        else
        {
            Assert.False(report.Verified);
            Assert.Equal(firstBadIndex, report.Finding!.Index);
        }
    }

    [SkippableFact]
    public async Task An_empty_ledger_signs_the_empty_tree_once()
    {
        await using var bed = await CreateAsync();

        var first = await bed.Service.PublishAsync();
        var again = await bed.Service.PublishAsync();

        Assert.Equal(0, first.TreeSize);
        Assert.Equal(MerkleHasher.EmptyTreeHash, first.RootHash);
        Assert.Equal(first, again);
    }

    private static string FailTreeHeadInserts(SqlDialect dialect) => dialect == SqlDialect.Sqlite
        ? "CREATE TRIGGER refuse_tree_heads BEFORE INSERT ON ledger_tree_heads BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        : """
          CREATE FUNCTION refuse_tree_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
          CREATE TRIGGER refuse_tree_heads BEFORE INSERT ON ledger_tree_heads FOR EACH ROW EXECUTE FUNCTION refuse_tree_head();
          """;

    private static async Task ExecuteAsync(ConnectorDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}

/// <summary>The append contract on an embedded SQLite file.</summary>
public sealed class SqliteLedgerAppendTests : LedgerAppendContract
{
    protected override Task<LedgerTestBed> CreateAsync() => LedgerTestBed.CreateAsync();
}

/// <summary>The append contract on PostgreSQL (skipped, with the reason, when no server is configured).</summary>
public sealed class PostgresLedgerAppendTests : LedgerAppendContract
{
    protected override Task<LedgerTestBed> CreateAsync() => LedgerTestBed.CreateAsync(TestPostgres.Require());
}
