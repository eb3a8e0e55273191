using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Dataspace.ConsentLedger.Canonicalization;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.ConsentLedger.Ledger;

/// <summary>
/// An RFC 9162 signed tree head: tree size, root hash and timestamp (milliseconds, as in RFC 9162), signed by the ledger
/// as a compact ES256 JWS over the canonical JSON <c>{"rootHash","timestamp","treeSize"}</c>.
/// </summary>
public sealed record SignedTreeHead(long TreeSize, MerkleHash RootHash, DateTimeOffset Timestamp, string Signature)
{
    /// <summary>The JWS <c>typ</c> of a ledger's own signature.</summary>
    public const string JwsType = "sth+jws";

    /// <summary>The unsigned tree head.</summary>
    public TreeHead Head => new(TreeSize, RootHash);

    /// <summary>Signs <paramref name="head"/> at <paramref name="timestamp"/> (truncated to milliseconds) with a P-256 key.</summary>
    public static SignedTreeHead Sign(TreeHead head, DateTimeOffset timestamp, ECDsa key, string keyId)
    {
        var millis = DateTimeOffset.FromUnixTimeMilliseconds(timestamp.ToUnixTimeMilliseconds());
        var payload = Payload(head.TreeSize, head.RootHash, millis);
        return new SignedTreeHead(head.TreeSize, head.RootHash, millis, CompactJws.Sign(payload, keyId, JwsType, key));
    }

    /// <summary>The canonical JSON both the ledger and its witnesses sign.</summary>
    public byte[] Payload() => Payload(TreeSize, RootHash, Timestamp);

    /// <summary>True when <see cref="Signature"/> is the ledger's ES256 signature, under <paramref name="keyId"/>, of exactly these values.</summary>
    public bool Verify(ECDsa publicKey, string keyId) => CompactJws.Verify(Signature, Payload(), keyId, JwsType, publicKey);

    private static byte[] Payload(long treeSize, MerkleHash rootHash, DateTimeOffset timestamp)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("treeSize", treeSize);
            writer.WriteString("rootHash", rootHash.ToBase64());
            writer.WriteNumber("timestamp", timestamp.ToUnixTimeMilliseconds());
            writer.WriteEndObject();
        }

        return JsonCanonicalizer.Canonicalize(buffer.WrittenSpan);
    }
}
