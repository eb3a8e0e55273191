using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.ConsentLedger.Tests.Ledger;

public sealed class SignedTreeHeadTests : IDisposable
{
    private const string LedgerKeyId = "did:web:hrs.example#ledger-1";
    private const string WitnessDid = "did:web:witness.example";
    private const string WitnessKeyId = WitnessDid + "#key-1";
    private static readonly DateTimeOffset At = new(2026, 11, 30, 8, 0, 0, 123, TimeSpan.Zero);

    private readonly ECDsa _ledgerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _witnessKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly SignedTreeHead _sth;

    public SignedTreeHeadTests()
    {
        var tree = new InMemoryMerkleTree();
        foreach (var i in Enumerable.Range(0, 7))
        {
            tree.Append(Encoding.UTF8.GetBytes($"{{\"n\":{i}}}"));
        }

        _sth = SignedTreeHead.Sign(tree.GetTreeHead(), At.AddTicks(4321), _ledgerKey, LedgerKeyId);
    }

    [Fact]
    public void Signs_the_canonical_payload_as_a_compact_es256_jws()
    {
        var parts = _sth.Signature.Split('.');

        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"ES256","kid":"did:web:hrs.example#ledger-1","typ":"sth+jws"}""", Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])));
        Assert.Equal(
            $$"""{"rootHash":"{{_sth.RootHash.ToBase64()}}","timestamp":{{At.ToUnixTimeMilliseconds()}},"treeSize":7}""",
            Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])));
        Assert.Equal(64, Base64Url.DecodeFromChars(parts[2]).Length);
        Assert.Equal(At, _sth.Timestamp);
        Assert.True(_sth.Verify(_ledgerKey, LedgerKeyId));
    }

    [Fact]
    public void Verifies_with_the_public_key_alone()
    {
        using var publicOnly = ECDsa.Create(_ledgerKey.ExportParameters(includePrivateParameters: false));

        Assert.True(_sth.Verify(publicOnly, LedgerKeyId));
    }

    public static TheoryData<string> Tampering => ["size", "root", "time", "signature", "header-alg-none", "garbage", "two-parts"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public void A_tampered_tree_head_is_rejected(string tamper)
    {
        var parts = _sth.Signature.Split('.');
        var tampered = tamper switch
        {
            "size" => _sth with { TreeSize = _sth.TreeSize + 1 },
            "root" => _sth with { RootHash = MerkleHasher.EmptyTreeHash },
            "time" => _sth with { Timestamp = _sth.Timestamp.AddMilliseconds(1) },
            "signature" => _sth with { Signature = $"{parts[0]}.{parts[1]}.{Flip(parts[2])}" },
            "header-alg-none" => _sth with { Signature = $"{Base64Url.EncodeToString("""{"alg":"none","kid":"did:web:hrs.example#ledger-1","typ":"sth+jws"}"""u8)}.{parts[1]}." },
            "garbage" => _sth with { Signature = "not a jws at all!" },
            "two-parts" => _sth with { Signature = $"{parts[0]}.{parts[1]}" },
            _ => throw new ArgumentOutOfRangeException(nameof(tamper)),
        };

        Assert.False(tampered.Verify(_ledgerKey, LedgerKeyId));
    }

    [Fact]
    public void The_wrong_key_or_key_id_is_rejected()
    {
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(_sth.Verify(stranger, LedgerKeyId));
        Assert.False(_sth.Verify(_ledgerKey, "did:web:hrs.example#ledger-2"));
    }

    [Fact]
    public void Only_p256_keys_sign()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => SignedTreeHead.Sign(_sth.Head, At, p384, LedgerKeyId));
        Assert.False(_sth.Verify(p384, LedgerKeyId));
    }

    [Fact]
    public void A_witness_cosigns_the_same_payload()
    {
        var cosignature = Cosignature.Create(_sth, WitnessDid, _witnessKey, WitnessKeyId);

        Assert.Equal(WitnessDid, cosignature.WitnessDid);
        Assert.Equal(_sth.Signature.Split('.')[1], cosignature.Signature.Split('.')[1]);
        Assert.True(cosignature.Verify(_sth, _witnessKey, WitnessKeyId));
    }

    [Fact]
    public void A_cosignature_does_not_fit_another_tree_head_or_pass_as_the_ledger_signature()
    {
        var cosignature = Cosignature.Create(_sth, WitnessDid, _witnessKey, WitnessKeyId);
        var later = SignedTreeHead.Sign(_sth.Head, At.AddSeconds(1), _ledgerKey, LedgerKeyId);
        using var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        Assert.False(cosignature.Verify(later, _witnessKey, WitnessKeyId));
        Assert.False(cosignature.Verify(_sth, stranger, WitnessKeyId));
        // Same key and key id, different typ: a ledger signature is no cosignature, and the reverse.
        var selfCosigned = Cosignature.Create(_sth, "did:web:hrs.example", _ledgerKey, LedgerKeyId);
        Assert.False((_sth with { Signature = selfCosigned.Signature }).Verify(_ledgerKey, LedgerKeyId));
        Assert.False(new Cosignature("did:web:hrs.example", _sth.Signature).Verify(_sth, _ledgerKey, LedgerKeyId));
    }

    public void Dispose()
    {
        _ledgerKey.Dispose();
        _witnessKey.Dispose();
    }

    private static string Flip(string base64Url)
    {
        var bytes = Base64Url.DecodeFromChars(base64Url);
        bytes[5] ^= 0x01;
        return Base64Url.EncodeToString(bytes);
    }
}
