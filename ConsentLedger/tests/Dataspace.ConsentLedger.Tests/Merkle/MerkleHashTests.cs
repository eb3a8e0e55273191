using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.ConsentLedger.Tests.Merkle;

public class MerkleHashTests
{
    private const string RootOf8Hex = "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328";

    [Fact]
    public void Hex_and_base64_round_trip()
    {
        var hash = MerkleHash.FromHex(RootOf8Hex);

        Assert.Equal(RootOf8Hex, hash.ToHex());
        Assert.Equal(RootOf8Hex, hash.ToString());
        Assert.Equal(hash, MerkleHash.FromBase64(hash.ToBase64()));
        Assert.Equal(hash, MerkleHash.FromHex(RootOf8Hex.ToUpperInvariant()));
        Assert.Equal(Convert.FromHexString(RootOf8Hex), hash.ToArray());
        Assert.Equal(hash, new MerkleHash(hash.ToArray()));
    }

    [Fact]
    public void Equality_is_by_value()
    {
        var a = MerkleHash.FromHex(RootOf8Hex);
        var bytes = a.ToArray();
        bytes[31] ^= 1;
        var b = new MerkleHash(bytes);

        Assert.True(a == MerkleHash.FromHex(RootOf8Hex));
        Assert.True(a != b);
        Assert.NotEqual(a, b);
        Assert.Equal(a.GetHashCode(), MerkleHash.FromHex(RootOf8Hex).GetHashCode());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Bytes_of_the_wrong_length_are_refused(int length)
    {
        Assert.False(MerkleHash.TryFromBytes(new byte[length], out _));
        Assert.Throws<ArgumentException>(() => new MerkleHash(new byte[length]));
    }

    [Fact]
    public void Base64_that_is_not_32_bytes_is_refused()
    {
        string?[] refused =
        [
            null,
            "",
            "V3JvbmdSb290",
            "not base64 at all",
            Convert.ToBase64String(new byte[31]),
            Convert.ToBase64String(new byte[33]),
            Convert.ToBase64String(new byte[64]),
        ];

        Assert.All(refused, text => Assert.False(MerkleHash.TryFromBase64(text, out _)));
        Assert.True(MerkleHash.TryFromBase64(Convert.ToBase64String(new byte[32]), out var zero));
        Assert.Equal(new MerkleHash(new byte[32]), zero);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("5dc9da79")]
    [InlineData("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff460432800")]
    [InlineData("zzc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328")]
    public void Hex_that_is_not_32_bytes_is_refused(string? text)
    {
        Assert.False(MerkleHash.TryFromHex(text, out _));
    }
}
