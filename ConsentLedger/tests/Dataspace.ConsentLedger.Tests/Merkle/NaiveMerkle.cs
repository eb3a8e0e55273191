using System.Security.Cryptography;

namespace Dataspace.ConsentLedger.Tests.Merkle;

/// <summary>
/// RFC 9162 §2.1 written as literally as possible — MTH, PATH, PROOF and SUBPROOF over byte arrays, recursive and
/// O(n) — to check the production code against. It shares no code with the library.
/// </summary>
internal static class NaiveMerkle
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>MTH(D[n]) over leaf inputs.</summary>
    public static byte[] Mth(ReadOnlySpan<byte[]> d) => d.Length switch
    {
        0 => SHA256.HashData(ReadOnlySpan<byte>.Empty),
        1 => LeafHash(d[0]),
        var n => NodeHash(Mth(d[..Split(n)]), Mth(d[Split(n)..])),
    };

    /// <summary>PATH(m, D[n]).</summary>
    public static List<byte[]> Path(int m, ReadOnlySpan<byte[]> d)
    {
        var n = d.Length;
        if (n == 1)
        {
            return [];
        }

        var k = Split(n);
        if (m < k)
        {
            var path = Path(m, d[..k]);
            path.Add(Mth(d[k..]));
            return path;
        }
        else
        {
            var path = Path(m - k, d[k..]);
            path.Add(Mth(d[..k]));
            return path;
        }
    }

    /// <summary>PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public static List<byte[]> Proof(int m, ReadOnlySpan<byte[]> d) => SubProof(m, d, true);

    private static List<byte[]> SubProof(int m, ReadOnlySpan<byte[]> d, bool b)
    {
        var n = d.Length;
        if (m == n)
        {
            return b ? [] : [Mth(d)];
        }

        var k = Split(n);
        if (m <= k)
        {
            var proof = SubProof(m, d[..k], b);
            proof.Add(Mth(d[k..]));
            return proof;
        }
        else
        {
            var proof = SubProof(m - k, d[k..], false);
            proof.Add(Mth(d[..k]));
            return proof;
        }
    }

    // The largest power of two strictly smaller than n.
    private static int Split(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
