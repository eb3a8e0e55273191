using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.ConsentLedger.Tests.Merkle;

public class MerkleHasherTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(4096)]
    public void Leaf_hash_is_sha256_of_0x00_and_the_data_on_both_sides_of_the_stack_limit(int length)
    {
        var data = new byte[length];
        new Random(length).NextBytes(data);

        Assert.Equal(NaiveMerkle.LeafHash(data), MerkleHasher.LeafHash(data).ToArray());
    }

    [Fact]
    public void Node_hash_is_sha256_of_0x01_left_right_and_is_ordered()
    {
        var left = MerkleHasher.LeafHash([1]);
        var right = MerkleHasher.LeafHash([2]);

        Assert.Equal(NaiveMerkle.NodeHash(left.ToArray(), right.ToArray()), MerkleHasher.NodeHash(left, right).ToArray());
        Assert.NotEqual(MerkleHasher.NodeHash(left, right), MerkleHasher.NodeHash(right, left));
    }
}
