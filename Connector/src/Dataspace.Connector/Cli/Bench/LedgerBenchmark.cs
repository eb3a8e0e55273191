using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Storage;
using Dataspace.Connector.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>ledger</c>: batched durable appends on SQLite against raw SHA-256, proofs from the store against an in-memory tree, and a full verify.</summary>
public sealed class LedgerBenchmark : IBenchmark
{
    private const int AppendSample = 100_000;

    // Distinct patients the entries name.
    private const int DistinctPatients = 50_000;

    /// <inheritdoc />
    public string Name => "ledger";

    /// <inheritdoc />
    public string Description =>
        "Consent ledger on SQLite (WAL, synchronous=FULL): durable batched appends of data-access entries naming one patient each (canonical JSON, leaf and "
        + "subtree hashes, patient index row, one signed tree head per batch) against raw SHA-256 leaf hashing of the same entries; inclusion and consistency proofs read from the store "
        + "against the same proofs from an in-memory tree; a full `ledger verify --db` pass against raw SHA-256 of every entry. Same run, same machine.";

    /// <inheritdoc />
    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var quick = context.Plan.Samples < MeasurementPlan.Full.Samples;
        var size = quick ? 200_000 : 1_000_000;
        var folder = Path.Combine(Path.GetTempPath(), "dataspace-bench-ledger-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var keyFile = Path.Combine(folder, "ledger-key.pem");
        try
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            await File.WriteAllTextAsync(keyFile, key.ExportSubjectPublicKeyInfoPem(), cancellationToken);
            var database = new SqliteDatabase(Path.Combine(folder, "connector.db"));
            await Migrator.MigrateAsync(database, Migrations.All, cancellationToken);
            var cache = new SubtreeCache();
            var rows = new List<BenchmarkRow>();

            context.Progress($"appending {size:N0} entries in samples of {AppendSample:N0}");
            var appendSamples = new List<double>();
            await using (var ledger = new LedgerService(new LedgerWriter(database, new LedgerSigner(key, "did:web:bench.example#key-1"), cache, TimeProvider.System), 8192, NullLogger<LedgerService>.Instance))
            {
                for (var start = 0; start < size; start += AppendSample)
                {
                    var started = Stopwatch.GetTimestamp();
                    await Task.WhenAll(Enumerable.Range(start, AppendSample).Select(i => ledger.AppendAsync(Entry(i), cancellationToken)));
                    appendSamples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds / AppendSample);
                }
            }

            var leafData = Enumerable.Range(0, AppendSample).Select(i => Entry(i).ToCanonicalJson()).ToArray();
            context.Progress("raw SHA-256 of the same entries");
            var hashing = Measurement.Run(() => HashAll(leafData), context.Plan);
            var perHash = Measurement.FromSamples([hashing.P50Ms / AppendSample], AppendSample);
            rows.Add(new BenchmarkRow($"append, batched durable ({size:N0} entries, samples of {AppendSample:N0})", Measurement.FromSamples(appendSamples, AppendSample), "raw SHA-256 leaf hash", perHash));

            context.Progress($"reference in-memory tree of {size:N0} entries");
            var reference = new InMemoryMerkleTree();
            for (var i = 0; i < size; i++)
            {
                reference.Append(Entry(i).ToCanonicalJson());
            }

            await using var store = new LedgerStore(database, TimeProvider.System);
            var tree = new LedgerTree(store, cache);
            var random = new Random(42);
            context.Progress("inclusion proofs");
            var inclusion = Measurement.Run(() => tree.InclusionProofAsync(random.NextInt64(size), size, cancellationToken).GetAwaiter().GetResult(), context.Plan);
            var inclusionInMemory = Measurement.Run(() => reference.GetInclusionProof(random.NextInt64(size), size), context.Plan);
            rows.Add(new BenchmarkRow($"inclusion proof at {size:N0}", inclusion, "in-memory tree", inclusionInMemory));
            context.Progress("consistency proofs");
            var consistency = Measurement.Run(() => tree.ConsistencyProofAsync(1 + random.NextInt64(size - 1), size, cancellationToken).GetAwaiter().GetResult(), context.Plan);
            var consistencyInMemory = Measurement.Run(() => reference.GetConsistencyProof(1 + random.NextInt64(size - 1), size), context.Plan);
            rows.Add(new BenchmarkRow($"consistency proof at {size:N0}", consistency, "in-memory tree", consistencyInMemory));

            context.Progress($"full verify of {size:N0} entries");
            var verifySamples = new List<double>();
            var treeHeadKey = new Func<string?, CancellationToken, Task<ECDsa?>>((_, _) => Task.FromResult<ECDsa?>(key));
            LedgerAuditReport? report = null;
            for (var sample = 0; sample < (quick ? 1 : 3); sample++)
            {
                var started = Stopwatch.GetTimestamp();
                await using var source = new DatabaseAuditSource(database);
                report = await new LedgerAuditor(source, new AuditKeys(treeHeadKey, (_, _, _) => Task.FromResult<ECDsa?>(null))).RunAsync(null, cancellationToken);
                verifySamples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!report.Verified || report.RootHash != reference.GetTreeHead().RootHash)
                {
                    throw new InvalidOperationException($"the benchmark ledger did not verify: {report.Finding}");
                }
            }

            context.Note(string.Create(CultureInfo.InvariantCulture, $"Verify checked {report!.Entries:N0} entries, every stored subtree hash and {report.TreeHeads:N0} signed tree heads (one per append batch)."));

            // The least work any verifier must do: hash every entry once (the same per-entry cost as the append baseline).
            var allLeaves = Measurement.FromSamples([hashing.P50Ms * size / AppendSample]);
            rows.Add(new BenchmarkRow($"full verify of {size:N0} entries (ledger verify --db)", Measurement.FromSamples(verifySamples), $"raw SHA-256 of {size:N0} entries", allLeaves));
            context.Note("Append: callers await AppendAsync concurrently; each batch (≤ 8,192 entries) is one transaction with entries, subtree hashes, patient index rows and an ES256-signed tree head, committed with fsync before any caller completes (the WAL is copied into the database by passive checkpoints on another connection). Entries name one of 50,000 patients each.");
            context.Note("Proofs: random leaf / first size per call against the newest tree; subtree levels 4 and up come from the in-process cache the writer fills, levels 0–3 from one range query over the stored leaf hashes (levels 1–3 are recomputed, not stored) on a kept connection with a prepared statement.");
            if (quick)
            {
                context.Note($"--quick: {size:N0} entries instead of 1,000,000.");
            }

            return rows;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A realistic data-access entry (about 440 bytes of canonical JSON), distinct per <paramref name="i"/>: one patient
    /// of <see cref="BenchPatients"/>, so each entry also files one patient index row.
    /// </summary>
    private static DataAccess Entry(int i) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000 + i),
        "urn:uuid:" + new Guid(i, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]).ToString(),
        "did:web:research.example",
        "https://hrs.example/purpose/research",
        ResourceCount: 100 + (i % 900),
        PatientCount: 1,
        ConsentIds: ["Consent/" + (i % 1000).ToString(CultureInfo.InvariantCulture), "Consent/research-default"],
        Decision: ConsentOutcome.Permit,
        BreakGlass: false)
    {
        Patients = [new(BenchPatients[i % DistinctPatients], ConsentOutcome.Permit, 100 + (i % 900))],
    };

    // A hospital's worth of patients, pseudonymised once up front: the data plane derives a pseudonym per request
    // before it appends, so that HMAC is not the ledger's cost. Multiplying by a prime spreads consecutive entries.
    private static readonly PatientPseudonym[] BenchPatients = Pseudonyms(SHA256.HashData("bench ledger pseudonym key"u8));

    private static PatientPseudonym[] Pseudonyms(byte[] key) =>
        [.. Enumerable.Range(0, DistinctPatients).Select(p => PatientPseudonym.Derive(key, "Patient/p" + (p * 7919 % DistinctPatients).ToString(CultureInfo.InvariantCulture)))];

    private static void HashAll(byte[][] leaves)
    {
        foreach (var leaf in leaves)
        {
            MerkleHasher.LeafHash(leaf);
        }
    }
}
