using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Ledger;

namespace Dataspace.Connector.Tests.Ledger;

/// <summary>The per-thread hasher of the append and verify paths gives the library's RFC 9162 hashes, whatever the input size and thread.</summary>
public sealed class ReusedMerkleHasherTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(510)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(70_000)]
    public void Leaf_hashes_equal_the_librarys(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Assert.Equal(MerkleHasher.LeafHash(data), ReusedMerkleHasher.LeafHash(data));
        // The context is reused: a second hash on the same thread starts from nothing.
        Assert.Equal(MerkleHasher.LeafHash(data), ReusedMerkleHasher.LeafHash(data));
    }

    [Fact]
    public void Node_hashes_equal_the_librarys_on_every_thread_at_once()
    {
        Parallel.For(0, 2000, i =>
        {
            var left = MerkleHasher.LeafHash(BitConverter.GetBytes(i));
            var right = MerkleHasher.LeafHash(BitConverter.GetBytes(-i));
            Assert.Equal(MerkleHasher.NodeHash(left, right), ReusedMerkleHasher.NodeHash(left, right));
            Assert.Equal(MerkleHasher.LeafHash(BitConverter.GetBytes(i)), ReusedMerkleHasher.LeafHash(BitConverter.GetBytes(i)));
        });
    }

    [Fact]
    public void A_frontier_built_with_it_has_the_in_memory_trees_root_at_every_size()
    {
        var reference = new InMemoryMerkleTree();
        var frontier = new MerkleFrontier();
        var completed = new List<CompletedSubtree>();
        for (var i = 0; i < 100; i++)
        {
            var leaf = BitConverter.GetBytes(i * 7919);
            reference.Append(leaf);
            frontier.Append(ReusedMerkleHasher.LeafHash(leaf), completed);
            Assert.Equal(reference.GetTreeHead().RootHash, frontier.RootHash());
        }
    }
}
