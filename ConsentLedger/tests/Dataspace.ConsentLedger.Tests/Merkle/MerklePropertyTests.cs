using System.Collections.Immutable;
using Dataspace.ConsentLedger.Merkle;
using Xunit.Abstractions;

namespace Dataspace.ConsentLedger.Tests.Merkle;

/// <summary>Seeded random trees and queries, checked against <see cref="NaiveMerkle"/>; failures name their seed.</summary>
public class MerklePropertyTests(ITestOutputHelper output)
{
    private const int Seeds = 12;
    private const int QueriesPerSeed = 60;

    private static byte[][] RandomLeaves(Random random, int count)
    {
        var leaves = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            leaves[i] = new byte[random.Next(0, 48)];
            random.NextBytes(leaves[i]);
        }

        return leaves;
    }

    private static InMemoryMerkleTree Build(byte[][] leaves)
    {
        var tree = new InMemoryMerkleTree();
        foreach (var leaf in leaves)
        {
            tree.Append(leaf);
        }

        return tree;
    }

    [Fact]
    public void Every_prefix_root_matches_the_recursive_definition_while_appending()
    {
        var checks = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var random = new Random(seed);
            var leaves = RandomLeaves(random, random.Next(1, 140));
            var tree = new InMemoryMerkleTree();
            Assert.Equal(MerkleHasher.EmptyTreeHash, tree.GetTreeHead().RootHash);

            for (var n = 0; n < leaves.Length; n++)
            {
                Assert.Equal(n, tree.Append(leaves[n]));
                Assert.Equal(n + 1, tree.Size);

                // The newest size, plus an older prefix, which must not change as the tree grows.
                var older = random.Next(0, n + 2);
                Assert.Equal(NaiveMerkle.Mth(leaves.AsSpan(0, n + 1)), tree.GetTreeHead().RootHash.ToArray());
                Assert.Equal(NaiveMerkle.Mth(leaves.AsSpan(0, older)), tree.GetTreeHead(older).RootHash.ToArray());
                checks += 2;
            }
        }

        output.WriteLine($"prefix roots checked: {checks}");
    }

    [Fact]
    public void Inclusion_proofs_match_PATH_verify_and_reject_tampering()
    {
        var queries = 0;
        for (var seed = 100; seed < 100 + Seeds; seed++)
        {
            var random = new Random(seed);
            var leaves = RandomLeaves(random, random.Next(1, 600));
            var tree = Build(leaves);

            for (var q = 0; q < QueriesPerSeed; q++)
            {
                var size = random.Next(1, leaves.Length + 1);
                var index = random.Next(0, size);
                var leafHash = MerkleHasher.LeafHash(leaves[index]);
                var root = tree.GetTreeHead(size).RootHash;
                var context = $"seed {seed}, leaf {index} of {size}";

                var proof = tree.GetInclusionProof(index, size);
                var path = proof.AuditPath;

                Assert.Equal(NaiveMerkle.Path(index, leaves.AsSpan(0, size)).Select(h => new MerkleHash(h)), path);
                Assert.True(proof.Verify(leafHash, root), context);

                Assert.False(proof.Verify(MerkleHasher.LeafHash([.. leaves[index], 0x2A]), root), context);
                Assert.False(proof.Verify(leafHash, Flip(root, random)), context);
                Assert.False(InclusionProof.Verify(size, size, leafHash, path.AsSpan(), root), context);
                Assert.False(InclusionProof.Verify(-1, size, leafHash, path.AsSpan(), root), context);
                Assert.False(InclusionProof.Verify(index, size, leafHash, [.. path, root], root), context);
                if (!path.IsEmpty)
                {
                    var at = random.Next(path.Length);
                    Assert.False(InclusionProof.Verify(index, size, leafHash, path.SetItem(at, Flip(path[at], random)).AsSpan(), root), context);
                    Assert.False(InclusionProof.Verify(index, size, leafHash, path.AsSpan(0, path.Length - 1), root), context);
                }

                queries++;
            }
        }

        output.WriteLine($"inclusion queries: {queries}");
    }

    [Fact]
    public void Consistency_proofs_match_PROOF_verify_and_reject_tampering()
    {
        var queries = 0;
        for (var seed = 200; seed < 200 + Seeds; seed++)
        {
            var random = new Random(seed);
            var leaves = RandomLeaves(random, random.Next(1, 600));
            var tree = Build(leaves);

            for (var q = 0; q < QueriesPerSeed; q++)
            {
                var second = random.Next(1, leaves.Length + 1);
                var first = random.Next(1, second + 1);
                var head1 = tree.GetTreeHead(first);
                var head2 = tree.GetTreeHead(second);
                var context = $"seed {seed}, {first} -> {second}";

                var proof = tree.GetConsistencyProof(first, second);
                var path = proof.ConsistencyPath;

                Assert.Equal(NaiveMerkle.Proof(first, leaves.AsSpan(0, second)).Select(h => new MerkleHash(h)), path);
                Assert.True(proof.Verify(head1, head2), context);

                Assert.False(proof.Verify(head1 with { RootHash = Flip(head1.RootHash, random) }, head2), context);
                Assert.False(proof.Verify(head1, head2 with { RootHash = Flip(head2.RootHash, random) }), context);
                Assert.False(proof.Verify(head1 with { TreeSize = first + 1 }, head2), context);
                Assert.False(ConsistencyProof.Verify(0, second, path.AsSpan(), head1.RootHash, head2.RootHash), context);
                Assert.False(ConsistencyProof.Verify(second + 1, second, path.AsSpan(), head1.RootHash, head2.RootHash), context);
                Assert.False(ConsistencyProof.Verify(first, second, [.. path, head2.RootHash], head1.RootHash, head2.RootHash), context);
                if (first != second)
                {
                    Assert.False(proof.Verify(head2.RootHash, head1.RootHash), context);
                    var at = random.Next(path.Length);
                    Assert.False(ConsistencyProof.Verify(first, second, path.SetItem(at, Flip(path[at], random)).AsSpan(), head1.RootHash, head2.RootHash), context);
                    Assert.False(ConsistencyProof.Verify(first, second, path.AsSpan(0, path.Length - 1), head1.RootHash, head2.RootHash), context);
                }

                queries++;
            }
        }

        output.WriteLine($"consistency queries: {queries}");
    }

    [Fact]
    public void Proofs_and_roots_read_logarithmically_many_stored_subtrees()
    {
        var random = new Random(7);
        var tree = new InMemoryMerkleTree();
        for (var i = 0; i < 100_000; i++)
        {
            tree.AppendLeafHash(MerkleHasher.LeafHash(BitConverter.GetBytes(i)));
        }

        var source = new CountingSource(tree);
        var worst = 0;
        for (var q = 0; q < 300; q++)
        {
            var second = random.NextInt64(2, tree.Size + 1);
            var first = random.NextInt64(1, second);
            var index = random.NextInt64(0, second);

            source.Reads = 0;
            var inclusion = InclusionProof.Create(source, index, second);
            var inclusionReads = source.Reads;

            source.Reads = 0;
            var consistency = ConsistencyProof.Create(source, first, second);
            var consistencyReads = source.Reads;

            source.Reads = 0;
            var root = MerkleTreeHash.Compute(source, second);
            var rootReads = source.Reads;

            // ⌈log2(100 000)⌉ = 17: a proof needs one subtree per level plus one range split of at most 17 chunks.
            Assert.InRange(inclusionReads, 0, 2 * 17);
            Assert.InRange(consistencyReads, 0, 2 * 17);
            Assert.InRange(rootReads, 1, 17);
            Assert.True(inclusion.Verify(tree.GetSubtreeHash(0, index), root));
            Assert.True(consistency.Verify(MerkleTreeHash.Compute(tree, first), root));
            worst = Math.Max(worst, Math.Max(inclusionReads, consistencyReads));
        }

        output.WriteLine($"300 queries at 100000 leaves: at most {worst} subtree reads per proof");
    }

    [Fact]
    public void Sizes_up_to_long_MaxValue_prove_and_verify_without_overflow()
    {
        // A tree of identical leaves is coherent at any size with one hash per level, so it can be "stored" in O(1).
        var source = new UniformSource(MerkleHasher.LeafHash("same"u8));
        var random = new Random(11);
        long[] sizes = [long.MaxValue, long.MaxValue - 1, 1L << 62, (1L << 62) + 1, (1L << 62) - 1];

        foreach (var second in sizes)
        {
            var secondRoot = MerkleTreeHash.Compute(source, second);
            foreach (var first in (long[])[1, second / 2, second - 1, random.NextInt64(1, second)])
            {
                var proof = ConsistencyProof.Create(source, first, second);
                Assert.True(proof.Verify(MerkleTreeHash.Compute(source, first), secondRoot), $"{first} -> {second}");
                Assert.InRange(proof.ConsistencyPath.Length, 1, 64);
            }

            foreach (var index in (long[])[0, second - 1, second / 3, random.NextInt64(second)])
            {
                var proof = InclusionProof.Create(source, index, second);
                Assert.True(proof.Verify(source.GetSubtreeHash(0, index), secondRoot), $"leaf {index} of {second}");
                Assert.InRange(proof.AuditPath.Length, 1, 63);
            }
        }
    }

    [Fact]
    public void Argument_misuse_throws_but_bad_proofs_only_fail()
    {
        var tree = Build(RandomLeaves(new Random(3), 5));

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetInclusionProof(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetInclusionProof(-1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetInclusionProof(0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetConsistencyProof(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetConsistencyProof(4, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetConsistencyProof(1, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetTreeHead(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetSubtreeHash(1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetSubtreeHash(3, 0));

        var any = MerkleHasher.EmptyTreeHash;
        Assert.False(InclusionProof.Verify(0, 0, any, [], any));
        Assert.False(InclusionProof.Verify(long.MaxValue, long.MinValue, any, [any, any], any));
        Assert.False(new InclusionProof(0, 1, default).Verify(any, MerkleHasher.LeafHash([])));
        Assert.True(new InclusionProof(0, 1, default).Verify(any, any));
        Assert.False(ConsistencyProof.Verify(0, 0, [], any, any));
        Assert.False(ConsistencyProof.Verify(-3, 5, [any], any, any));
        Assert.False(ConsistencyProof.Verify(3, 5, [], any, any));
        Assert.False(ConsistencyProof.Verify(1, long.MaxValue, [any, any, any], any, any));
        Assert.True(new ConsistencyProof(4, 4, default).Verify(any, any));
    }

    private static MerkleHash Flip(MerkleHash hash, Random random)
    {
        var bytes = hash.ToArray();
        bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
        return new MerkleHash(bytes);
    }

    private sealed class UniformSource(MerkleHash leafHash) : IMerkleHashSource
    {
        private readonly MerkleHash[] _levels = Levels(leafHash);

        public MerkleHash GetSubtreeHash(int level, long index) => _levels[level];

        private static MerkleHash[] Levels(MerkleHash leafHash)
        {
            var levels = new MerkleHash[63];
            levels[0] = leafHash;
            for (var level = 1; level < levels.Length; level++)
            {
                levels[level] = MerkleHasher.NodeHash(levels[level - 1], levels[level - 1]);
            }

            return levels;
        }
    }

    private sealed class CountingSource(IMerkleHashSource inner) : IMerkleHashSource
    {
        public int Reads { get; set; }

        public MerkleHash GetSubtreeHash(int level, long index)
        {
            Reads++;
            return inner.GetSubtreeHash(level, index);
        }
    }
}
