using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Cli.Bench;

/// <summary><c>merkle</c>: the in-memory RFC 9162 tree's append rate against raw SHA-256, and its inclusion and consistency proofs at 1,000,000 leaves.</summary>
public sealed class MerkleBenchmark : IBenchmark
{
    private const int ProofTreeSize = 1_000_000;
    private const double ProofTargetMicroseconds = 50;
    private const string Yardstick = "SHA-256 of 64 bytes";

    // Proof queries cycle through this many random positions (a power of two, so the cycle is a mask), so no single
    // audit path, hot in cache or unusually short, stands for all of them.
    private const int QueryCount = 4096;

    /// <inheritdoc />
    public string Name => "merkle";

    /// <inheritdoc />
    public string Description =>
        "The RFC 9162 Merkle tree in memory (Dataspace.ConsentLedger `InMemoryMerkleTree`, one thread): appending one data-access ledger entry (its RFC 8785 JSON hashed "
        + "as a leaf, plus the node hashes it completes) against raw SHA-256 of the same bytes; inclusion and consistency proofs at 1,000,000 leaves, built from stored "
        + "subtree hashes and verified, against SHA-256 of 64 bytes as a yardstick (the ratio is then the fraction of the operation one such hash takes). The durable ledger has its own benchmark.";

    /// <inheritdoc />
    public Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = context.Plan;
        // Separate methods, so the tree grown by the append measurement is garbage before the million-leaf tree is built.
        var rows = new List<BenchmarkRow> { MeasureAppend(context, plan) };
        cancellationToken.ThrowIfCancellationRequested();
        rows.AddRange(MeasureProofs(context, plan, cancellationToken));
        return Task.FromResult<IReadOnlyList<BenchmarkRow>>(rows);
    }

    private static BenchmarkRow MeasureAppend(BenchmarkContext context, MeasurementPlan plan)
    {
        var entry = new DataAccess(
            new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero),
            "urn:uuid:0b9d5c3e-7a41-4f0e-9a57-2f1f3c1d8e64",
            "did:web:partner-hospital.example",
            "TREAT",
            ResourceCount: 128,
            PatientCount: 1,
            ConsentIds: ["bench-monitoring"],
            ConsentOutcome.Permit,
            BreakGlass: false).ToCanonicalJson();
        var digest = new byte[SHA256.HashSizeInBytes];
        context.Progress("append");
        var tree = new InMemoryMerkleTree();
        var append = Measurement.Run(() => tree.Append(entry), plan);
        context.Progress("raw SHA-256 of the entry");
        var rawHash = Measurement.Run(() => SHA256.HashData(entry, digest), plan);
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"append: {1000 / append.P50Ms:#,0} entries/s at p50 ({append.OperationsPerSecond:#,0} at the mean) beside {1000 / rawHash.P50Ms:#,0} raw SHA-256 hashes/s "
            + $"({rawHash.OperationsPerSecond:#,0}) of the same {entry.Length} bytes, one thread. An append hashes the leaf and on average one 65-byte node, so about "
            + $"half the raw rate is the ceiling. The tree grew to {tree.Size:#,0} leaves during the run (its list growth is in the mean, not the p50)."));
        return new BenchmarkRow($"append a {entry.Length}-byte ledger entry", append, $"SHA-256 of {entry.Length} bytes", rawHash);
    }

    private static List<BenchmarkRow> MeasureProofs(BenchmarkContext context, MeasurementPlan plan, CancellationToken cancellationToken)
    {
        context.Progress($"building a {ProofTreeSize:N0}-leaf tree");
        var tree = BuildTree(out var buildTime);
        var random = new Random(20261130);
        var leaves = Enumerable.Range(0, QueryCount).Select(_ => random.NextInt64(ProofTreeSize)).ToArray();
        var firstSizes = Enumerable.Range(0, QueryCount).Select(_ => random.NextInt64(1, ProofTreeSize)).ToArray();
        var next = 0;
        var rows = new List<BenchmarkRow>();

        cancellationToken.ThrowIfCancellationRequested();
        context.Progress("inclusion proof");
        var inclusion = Measurement.Run(() => tree.GetInclusionProof(leaves[next++ & (QueryCount - 1)], ProofTreeSize), plan);
        rows.Add(WithYardstick(context, plan, $"inclusion proof at {ProofTreeSize:N0} leaves", inclusion));
        context.Progress("consistency proof");
        var consistency = Measurement.Run(() => tree.GetConsistencyProof(firstSizes[next++ & (QueryCount - 1)], ProofTreeSize), plan);
        rows.Add(WithYardstick(context, plan, $"consistency proof to {ProofTreeSize:N0} leaves", consistency));

        var root = tree.GetTreeHead().RootHash;
        var inclusionProofs = leaves.Select(i => tree.GetInclusionProof(i, ProofTreeSize)).ToArray();
        var leafHashes = leaves.Select(i => tree.GetSubtreeHash(0, i)).ToArray();
        var consistencyProofs = firstSizes.Select(m => tree.GetConsistencyProof(m, ProofTreeSize)).ToArray();
        var firstRoots = firstSizes.Select(m => tree.GetTreeHead(m).RootHash).ToArray();

        cancellationToken.ThrowIfCancellationRequested();
        context.Progress("inclusion proof verification");
        var verifyInclusion = Measurement.Run(
            () =>
            {
                var k = next++ & (QueryCount - 1);
                Check(inclusionProofs[k].Verify(leafHashes[k], root));
            },
            plan);
        rows.Add(WithYardstick(context, plan, $"verify an inclusion proof at {ProofTreeSize:N0} leaves", verifyInclusion));
        context.Progress("consistency proof verification");
        var verifyConsistency = Measurement.Run(
            () =>
            {
                var k = next++ & (QueryCount - 1);
                Check(consistencyProofs[k].Verify(firstRoots[k], root));
            },
            plan);
        rows.Add(WithYardstick(context, plan, $"verify a consistency proof to {ProofTreeSize:N0} leaves", verifyConsistency));

        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"Proofs at {ProofTreeSize:#,0} leaves: inclusion p50 {inclusion.P50Ms * 1000:0.00} µs, consistency p50 {consistency.P50Ms * 1000:0.00} µs "
            + $"({(Math.Max(inclusion.P50Ms, consistency.P50Ms) * 1000 <= ProofTargetMicroseconds ? "within" : "over")} the ≤ {ProofTargetMicroseconds} µs target, "
            + $"which is set for the durable ledger, where storage reads come on top). Each query takes the next of "
            + $"{QueryCount:#,0} random leaf indices or first tree sizes. Audit paths average {inclusionProofs.Average(p => p.AuditPath.Length):0.0} hashes, "
            + $"consistency paths {consistencyProofs.Average(p => p.ConsistencyPath.Length):0.0}; {ProofTreeSize:#,0} is not a power of two, so building a proof "
            + $"also hashes subtrees of the incomplete right edge, which are not stored."));
        context.Note(string.Create(CultureInfo.InvariantCulture,
            $"The proof tree holds {ProofTreeSize:#,0} distinct 8-byte leaves (a proof reads only stored subtree hashes, so leaf size does not matter); appending them took {buildTime.TotalSeconds:0.00} s."));
        return rows;
    }

    // The yardstick is timed right after each case, so both see the same load on a shared machine.
    private static BenchmarkRow WithYardstick(BenchmarkContext context, MeasurementPlan plan, string name, Measurement measurement)
    {
        context.Progress(Yardstick);
        var input = new byte[64];
        var digest = new byte[SHA256.HashSizeInBytes];
        return new BenchmarkRow(name, measurement, Yardstick, Measurement.Run(() => SHA256.HashData(input, digest), plan));
    }

    private static InMemoryMerkleTree BuildTree(out TimeSpan elapsed)
    {
        var start = Stopwatch.GetTimestamp();
        var tree = new InMemoryMerkleTree();
        Span<byte> leaf = stackalloc byte[sizeof(long)];
        for (long i = 0; i < ProofTreeSize; i++)
        {
            BinaryPrimitives.WriteInt64BigEndian(leaf, i);
            tree.Append(leaf);
        }

        elapsed = Stopwatch.GetElapsedTime(start);
        return tree;
    }

    // Verification must succeed, or the benchmark would time the early exit of a rejected proof.
    private static void Check(bool verified)
    {
        if (!verified)
        {
            throw new InvalidOperationException("A proof built by the tree did not verify against it.");
        }
    }
}
