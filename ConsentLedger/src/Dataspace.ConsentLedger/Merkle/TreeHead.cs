namespace Dataspace.ConsentLedger.Merkle;

/// <summary>A tree size and its root hash: the unsigned core of an RFC 9162 signed tree head.</summary>
public readonly record struct TreeHead(long TreeSize, MerkleHash RootHash);
