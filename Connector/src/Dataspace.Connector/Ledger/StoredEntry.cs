using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>One ledger entry as stored: its index, its canonical JSON and the leaf hash the tree holds at that index.</summary>
/// <param name="Index">The 0-based leaf index.</param>
/// <param name="Entry">The RFC 8785 canonical JSON; its UTF-8 bytes are the leaf data.</param>
/// <param name="LeafHash">The tree's level-0 hash at <paramref name="Index"/>, or null when the tree has none there.</param>
public sealed record StoredEntry(long Index, string Entry, MerkleHash? LeafHash);
