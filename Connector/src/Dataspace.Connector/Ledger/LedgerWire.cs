using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>A signed tree head on the wire (<c>GET /api/ledger/v1/sth</c>): hashes in standard base64, timestamp in Unix milliseconds.</summary>
public sealed record TreeHeadJson(
    [property: JsonPropertyName("tree_size")] long TreeSize,
    [property: JsonPropertyName("root_hash")] string RootHash,
    [property: JsonPropertyName("timestamp")] long Timestamp,
    [property: JsonPropertyName("signature")] string Signature,
    [property: JsonPropertyName("cosignatures")] IReadOnlyList<CosignatureJson>? Cosignatures)
{
    /// <summary>The wire form of a stored head and its cosignatures.</summary>
    public static TreeHeadJson From(SignedTreeHead treeHead, IEnumerable<Cosignature> cosignatures)
    {
        ArgumentNullException.ThrowIfNull(treeHead);
        return new(treeHead.TreeSize, treeHead.RootHash.ToBase64(), treeHead.Timestamp.ToUnixTimeMilliseconds(), treeHead.Signature,
            cosignatures.Select(c => new CosignatureJson(c.WitnessDid, c.Signature)).ToList());
    }

    /// <summary>The signed tree head this claims to be; null when a field is malformed. The signature is not checked here.</summary>
    public SignedTreeHead? ToSignedTreeHead() =>
        TreeSize >= 0 && Timestamp >= 0 && Signature is { Length: > 0 } && MerkleHash.TryFromBase64(RootHash, out var root)
            ? new SignedTreeHead(TreeSize, root, DateTimeOffset.FromUnixTimeMilliseconds(Timestamp), Signature)
            : null;

    /// <summary>The cosignatures carried, skipping malformed ones.</summary>
    public IReadOnlyList<Cosignature> ToCosignatures() =>
        (Cosignatures ?? []).Where(c => c is { Witness.Length: > 0, Signature.Length: > 0 }).Select(c => new Cosignature(c.Witness, c.Signature)).ToList();
}

/// <summary>A witness's cosignature of a tree head: the witness DID and its ES256 JWS.</summary>
public sealed record CosignatureJson(
    [property: JsonPropertyName("witness")] string Witness,
    [property: JsonPropertyName("signature")] string Signature);

/// <summary>One entry on the wire: index, the canonical JSON as a string (its UTF-8 bytes are the leaf data), and the leaf hash.</summary>
public sealed record EntryJson(
    [property: JsonPropertyName("index")] long Index,
    [property: JsonPropertyName("entry")] string Entry,
    [property: JsonPropertyName("leaf_hash")] string? LeafHash);

/// <summary>An RFC 9162 inclusion proof on the wire.</summary>
public sealed record InclusionProofJson(
    [property: JsonPropertyName("leaf_index")] long LeafIndex,
    [property: JsonPropertyName("tree_size")] long TreeSize,
    [property: JsonPropertyName("audit_path")] IReadOnlyList<string> AuditPath)
{
    /// <summary>The wire form of a proof.</summary>
    public static InclusionProofJson From(InclusionProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new(proof.LeafIndex, proof.TreeSize, proof.AuditPath.Select(h => h.ToBase64()).ToList());
    }

    /// <summary>The proof, or null when a hash is not base64 of 32 bytes.</summary>
    public InclusionProof? ToProof() => Hashes(AuditPath) is { } path ? new InclusionProof(LeafIndex, TreeSize, path) : null;

    internal static ImmutableArray<MerkleHash>? Hashes(IReadOnlyList<string>? values)
    {
        var hashes = ImmutableArray.CreateBuilder<MerkleHash>(values?.Count ?? 0);
        foreach (var value in values ?? [])
        {
            if (!MerkleHash.TryFromBase64(value, out var hash))
            {
                return null;
            }

            hashes.Add(hash);
        }

        return hashes.MoveToImmutable();
    }
}

/// <summary>An RFC 9162 consistency proof on the wire.</summary>
public sealed record ConsistencyProofJson(
    [property: JsonPropertyName("first")] long First,
    [property: JsonPropertyName("second")] long Second,
    [property: JsonPropertyName("proof")] IReadOnlyList<string> Proof)
{
    /// <summary>The wire form of a proof.</summary>
    public static ConsistencyProofJson From(ConsistencyProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return new(proof.FirstTreeSize, proof.SecondTreeSize, proof.ConsistencyPath.Select(h => h.ToBase64()).ToList());
    }

    /// <summary>The proof, or null when a hash is not base64 of 32 bytes.</summary>
    public ConsistencyProof? ToProof() => InclusionProofJson.Hashes(Proof) is { } path ? new ConsistencyProof(First, Second, path) : null;
}

/// <summary>What a witness posts to <c>/api/ledger/v1/cosignatures</c>: which tree head it cosigned, and the cosignature JWS.</summary>
public sealed record CosignatureSubmission(
    [property: JsonPropertyName("tree_size")] long TreeSize,
    [property: JsonPropertyName("signature")] string Signature);
