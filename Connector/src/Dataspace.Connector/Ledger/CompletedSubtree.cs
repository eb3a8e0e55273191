using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>A perfect subtree that became complete when a leaf was appended: 2^<paramref name="Level"/> leaves starting at leaf <paramref name="Index"/>·2^<paramref name="Level"/>.</summary>
/// <param name="Level">0 for the leaf itself, 1 for an aligned pair, and so on.</param>
/// <param name="Index">Its position within that level.</param>
/// <param name="Hash">Its Merkle tree hash.</param>
public readonly record struct CompletedSubtree(int Level, long Index, MerkleHash Hash)
{
    /// <summary>The first leaf the subtree covers.</summary>
    public long FirstLeaf => Index << Level;

    /// <summary>The order of <c>ledger_subtrees</c>' key: level, then index.</summary>
    public static int CompareByKey(CompletedSubtree left, CompletedSubtree right) =>
        left.Level != right.Level ? left.Level.CompareTo(right.Level) : left.Index.CompareTo(right.Index);
}
