using System.Text;
using Dapper;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>The patient index and the access report built on it, through the real writer and store; run on each database.</summary>
public abstract class AccessReportContract
{
    /// <summary>The database under test; may skip.</summary>
    protected abstract Task<LedgerTestBed> CreateAsync();

    [SkippableFact]
    public async Task A_patients_report_lists_only_their_accesses_with_the_decision_and_count_for_them()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var alice = await ReportAsync(bed, AccessReportScenario.Alice);
        var bob = await ReportAsync(bed, AccessReportScenario.Bob);

        Assert.Equal(bed.Pseudonyms.Derive(AccessReportScenario.Alice).Value, alice.Pseudonym);
        Assert.Equal([(2L, "permit", 3L), (6L, "deny", 0L)], alice.Accesses.Select(a => (a.Index, a.Decision, a.ResourceCount)));
        Assert.Equal([(2L, "deny", 0L), (4L, "permit", 5L)], bob.Accesses.Select(a => (a.Index, a.Decision, a.ResourceCount)));
        var research = alice.Accesses[0];
        Assert.Equal(("did:web:research.example", "RESEARCH", "agr-research", false), (research.ConsumerDid, research.Purpose, research.AgreementId, research.BreakGlass));
        Assert.Equal(["c-alice", "c-bob"], research.ConsentIds);
        Assert.Equal(AccessReportScenario.At(2), research.RecordedAt);
        var treatment = bob.Accesses[1];
        Assert.Equal(("did:web:partner.example", "ETREAT", "agr-treatment", true), (treatment.ConsumerDid, treatment.Purpose, treatment.AgreementId, treatment.BreakGlass));
        Assert.Null(alice.NextAfter);
    }

    [SkippableFact]
    public async Task Consent_events_show_in_order_with_the_revocation()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var alice = await ReportAsync(bed, AccessReportScenario.Alice);
        var bob = await ReportAsync(bed, AccessReportScenario.Bob);

        Assert.Equal([(0L, "recorded", "c-alice"), (5L, "revoked", "c-alice")], alice.ConsentEvents.Select(e => (e.Index, e.Event, e.ConsentId)));
        Assert.Equal(new string('d', 64), alice.ConsentEvents[1].ConsentHash);
        Assert.Equal([(1L, "recorded", "c-bob")], bob.ConsentEvents.Select(e => (e.Index, e.Event, e.ConsentId)));
    }

    [SkippableFact]
    public async Task Each_reported_entry_is_proved_included_in_the_reports_signed_tree_head()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var report = await ReportAsync(bed, AccessReportScenario.Alice);

        var head = report.TreeHead!.ToSignedTreeHead()!;
        Assert.True(head.Verify(bed.Key, LedgerTestBed.KeyId));
        Assert.Equal(7, head.TreeSize);
        var entries = AccessReportScenario.Entries(bed.Pseudonyms);
        foreach (var (index, leafHash, proofPath) in report.Accesses.Select(a => (a.Index, a.LeafHash, a.InclusionProof))
                     .Concat(report.ConsentEvents.Select(e => (e.Index, e.LeafHash, e.InclusionProof))))
        {
            // The leaf hash is the entry's own, and the tree holds it at that index under the signed root.
            Assert.Equal(entries[(int)index].LeafHash().ToBase64(), leafHash);
            var proof = await bed.Tree.InclusionProofAsync(index, head.TreeSize);
            Assert.True(proof.Verify(MerkleHash.FromBase64(leafHash!), head.RootHash), $"inclusion of {index}");
            Assert.Equal($"/api/ledger/v1/proof/inclusion?index={index}&tree_size=7", proofPath);
        }
    }

    [SkippableFact]
    public async Task A_patient_the_ledger_never_named_gets_an_empty_report()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var report = await ReportAsync(bed, "Patient/nobody");

        Assert.Empty(report.Accesses);
        Assert.Empty(report.ConsentEvents);
        Assert.Equal(7, report.TreeHead!.TreeSize);
        Assert.Null(report.NextAfter);
    }

    [SkippableFact]
    public async Task From_and_to_keep_the_entries_recorded_in_between()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        var report = await ReportAsync(bed, AccessReportScenario.Alice, from: AccessReportScenario.At(2), to: AccessReportScenario.At(6));

        Assert.Equal([2L], report.Accesses.Select(a => a.Index));
        Assert.Equal([5L], report.ConsentEvents.Select(e => e.Index));
    }

    [SkippableFact]
    public async Task Pages_follow_each_other_without_gaps_or_repeats_on_the_first_pages_tree_head()
    {
        await using var bed = await CreateAsync();
        var carol = bed.Pseudonyms.Derive("Patient/carol");
        // 40 accesses to Carol among other entries, appended concurrently so they share batches.
        await Task.WhenAll(Enumerable.Range(0, 120).Select(i => bed.Service.AppendAsync(i % 3 == 0 ? Access(i, carol) : LedgerTestBed.Entry(i))));
        var expected = (await bed.Store.EntriesAsync(0, 119)).Where(e => e.Entry.Contains(carol.Value, StringComparison.Ordinal)).Select(e => e.Index).ToList();
        Assert.Equal(40, expected.Count);

        var seen = new List<long>();
        var page = await ReportAsync(bed, "Patient/carol", limit: 7);
        var pages = 1;
        seen.AddRange(page.Accesses.Select(a => a.Index));
        // Entries appended after the first page are not in later ones: they are beyond its tree head.
        await bed.Service.AppendAsync(Access(1000, carol));
        while (page.NextAfter is { } after)
        {
            page = (await bed.Reports.BuildAsync("Patient/carol", null, null, after, 7, page.TreeHead!.TreeSize))!;
            Assert.Equal(120, page.TreeHead!.TreeSize);
            seen.AddRange(page.Accesses.Select(a => a.Index));
            pages++;
        }

        Assert.Equal(expected, seen);
        Assert.Equal(6, pages);
        Assert.Equal(41, (await ReportAsync(bed, "Patient/carol", limit: 1000)).Accesses.Count);
    }

    [SkippableFact]
    public async Task A_tree_size_the_ledger_signed_gives_a_report_and_another_none()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);

        Assert.NotNull(await bed.Reports.BuildAsync(AccessReportScenario.Alice, null, null, 0, 10, treeSize: 3));
        Assert.Null(await bed.Reports.BuildAsync(AccessReportScenario.Alice, null, null, 0, 10, treeSize: 8));
    }

    [SkippableFact]
    public async Task The_index_holds_one_row_per_named_patient_and_entry_and_a_rolled_back_batch_leaves_none()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);
        var (alice, bob) = (bed.Pseudonyms.Derive(AccessReportScenario.Alice).Value, bed.Pseudonyms.Derive(AccessReportScenario.Bob).Value);

        List<(string, long)> expected = [(alice, 0L), (bob, 1L), (alice, 2L), (bob, 2L), (bob, 4L), (alice, 5L), (alice, 6L)];
        Assert.Equal(Ordered(expected), await IndexRowsAsync(bed.Database));

        await ExecuteAsync(bed.Database, bed.Database.Dialect == SqlDialect.Sqlite
            ? "CREATE TRIGGER refuse_tree_heads BEFORE INSERT ON ledger_tree_heads BEGIN SELECT RAISE(ABORT, 'disk full'); END"
            : """
              CREATE FUNCTION refuse_tree_head() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
              CREATE TRIGGER refuse_tree_heads BEFORE INSERT ON ledger_tree_heads FOR EACH ROW EXECUTE FUNCTION refuse_tree_head();
              """);
        await Assert.ThrowsAsync<LedgerAppendException>(() => bed.Service.AppendAsync(Access(7, bed.Pseudonyms.Derive("Patient/dave"))));

        Assert.Equal(7, (await IndexRowsAsync(bed.Database)).Count);
    }

    [SkippableFact]
    public async Task A_batch_large_enough_to_be_hashed_beside_its_inserts_builds_the_same_tree_and_index()
    {
        await using var bed = await CreateAsync();
        var patients = Enumerable.Range(0, 7).Select(p => bed.Pseudonyms.Derive($"Patient/p{p}")).ToArray();
        // One batch of thousands of entries, each naming one of seven patients, across a block boundary of the index.
        await bed.WriteBatchAsync(0, 10);
        var large = Enumerable.Range(10, Large).Select(i => (LedgerEntry)Access(i, patients[i % 7])).ToList();
        var writer = new LedgerWriter(bed.Database, new LedgerSigner(bed.Key, LedgerTestBed.KeyId), new SubtreeCache(), TimeProvider.System);

        var (first, head) = await writer.AppendAsync(large);

        Assert.Equal((10L, 10L + Large), (first, head.TreeSize));
        var reference = LedgerTestBed.Reference(10);
        foreach (var entry in large)
        {
            reference.Append(entry.ToCanonicalJson());
        }

        Assert.Equal(reference.GetTreeHead().RootHash, head.RootHash);
        await using var source = new DatabaseAuditSource(bed.Database);
        var audit = await new LedgerAuditor(source, new AuditKeys(
            (_, _) => Task.FromResult<System.Security.Cryptography.ECDsa?>(bed.Key), (_, _, _) => Task.FromResult<System.Security.Cryptography.ECDsa?>(null))).RunAsync(null);
        Assert.True(audit.Verified, audit.Finding?.ToString());
        var rows = await IndexRowsAsync(bed.Database);
        Assert.Equal(Ordered(Enumerable.Range(10, Large).Select(i => (patients[i % 7].Value, (long)i))), rows);
        var reported = new List<long>();
        long? after = 0;
        while (after is { } next)
        {
            var page = (await bed.Reports.BuildAsync("Patient/p3", null, null, next, AccessReports.MaxLimit))!;
            reported.AddRange(page.Accesses.Select(a => a.Index));
            after = page.NextAfter;
        }

        Assert.Equal(Enumerable.Range(10, Large).Where(i => i % 7 == 3).Select(i => (long)i), reported);
    }

    // Past the first block of the patient index (2^14 entries), so a report reads two.
    private const int Large = (1 << LedgerPatientsSchema.BlockBits) + 100;

    [SkippableFact]
    public async Task An_index_row_whose_entry_does_not_name_the_patient_is_not_reported()
    {
        await using var bed = await CreateAsync();
        await AccessReportScenario.AppendAsync(bed.Service, bed.Pseudonyms);
        var alice = bed.Pseudonyms.Derive(AccessReportScenario.Alice).Value;
        // Rows pointing Alice at Bob's treatment access, at the policy change, and beyond the log.
        foreach (var index in new[] { 3L, 4L, 99L })
        {
            await ExecuteAsync(bed.Database, $"INSERT INTO ledger_patients (entry_block, pseudonym, entry_index) VALUES (0, '{alice}', {index})");
        }

        var report = await ReportAsync(bed, AccessReportScenario.Alice);

        Assert.Equal([2L, 6L], report.Accesses.Select(a => a.Index));
        Assert.Equal([0L, 5L], report.ConsentEvents.Select(e => e.Index));
    }

    [SkippableFact]
    public async Task Migration_8_files_the_consent_entries_written_before_it_under_their_patient()
    {
        await using var bed = await CreateAsync();
        var (alice, bob) = (bed.Pseudonyms.Derive(AccessReportScenario.Alice), bed.Pseudonyms.Derive(AccessReportScenario.Bob));
        // A version-7 ledger: the entries as that writer stored them, one of them not even JSON.
        await ExecuteAsync(bed.Database, "DROP TABLE ledger_patients; DELETE FROM schema_version WHERE version >= 8");
        LedgerEntry[] old =
        [
            new ConsentRecorded(AccessReportScenario.At(0), "c-\"quoted\"", new string('a', 64), alice),
            new DataAccess(AccessReportScenario.At(1), "agr-1", "did:web:research.example", "RESEARCH", 3, 1, [], ConsentOutcome.Permit, false),
            new ConsentUpdated(AccessReportScenario.At(2), "c-bob", new string('b', 64), bob),
            new PolicyChanged(AccessReportScenario.At(3), "treatment-only", new string('c', 64)),
            new ConsentRevoked(AccessReportScenario.At(5), "c-\"quoted\"", new string('d', 64), alice),
        ];
        await using (var connection = await bed.Database.OpenAsync())
        {
            for (var i = 0; i < old.Length; i++)
            {
                await connection.ExecuteAsync("INSERT INTO ledger_entries (leaf_index, entry) VALUES (@i, @entry)", new { i, entry = Encoding.UTF8.GetString(old[i].ToCanonicalJson()) });
            }

            await connection.ExecuteAsync("INSERT INTO ledger_entries (leaf_index, entry) VALUES (5, 'not json {\"kind\":\"consent-recorded\"')");
        }

        Assert.Equal([8], await Migrator.MigrateAsync(bed.Database, Migrations.All.Where(m => m.Version <= 8).ToList()));

        Assert.Equal(Ordered([(alice.Value, 0L), (bob.Value, 2L), (alice.Value, 4L)]), await IndexRowsAsync(bed.Database));
    }

    private static async Task<AccessReport> ReportAsync(LedgerTestBed bed, string patient, DateTimeOffset? from = null, DateTimeOffset? to = null, int limit = 100) =>
        (await bed.Reports.BuildAsync(patient, from, to, 0, limit))!;

    private static DataAccess Access(int i, PatientPseudonym patient) =>
        new(AccessReportScenario.At(i), $"agr-{i}", "did:web:research.example", "RESEARCH", i, 1, [], ConsentOutcome.Permit, false)
        {
            Patients = [new(patient, ConsentOutcome.Permit, i)],
        };

    private static async Task<List<(string Pseudonym, long Index)>> IndexRowsAsync(ConnectorDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return Ordered(await connection.QueryAsync<(string, long)>("SELECT pseudonym, entry_index FROM ledger_patients"));
    }

    // By index, then pseudonym by ordinal: PostgreSQL's ORDER BY would follow the database's collation instead.
    private static List<(string Pseudonym, long Index)> Ordered(IEnumerable<(string Pseudonym, long Index)> rows) =>
        [.. rows.OrderBy(r => r.Index).ThenBy(r => r.Pseudonym, StringComparer.Ordinal)];

    private static async Task ExecuteAsync(ConnectorDatabase database, string sql)
    {
        await using var connection = await database.OpenAsync();
        await connection.ExecuteAsync(sql);
    }
}

/// <summary>The access report contract on an embedded SQLite file.</summary>
public sealed class SqliteAccessReportTests : AccessReportContract
{
    protected override Task<LedgerTestBed> CreateAsync() => LedgerTestBed.CreateAsync();
}

/// <summary>The access report contract on PostgreSQL (skipped, with the reason, when no server is configured).</summary>
public sealed class PostgresAccessReportTests : AccessReportContract
{
    protected override Task<LedgerTestBed> CreateAsync() => LedgerTestBed.CreateAsync(TestPostgres.Require());
}
