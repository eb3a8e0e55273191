namespace Dataspace.ConsentLedger.Merkle;

/// <summary>Read access to the stored hashes of perfect subtrees, the only thing proofs and roots need.</summary>
/// <remarks>
/// The subtree at (<c>level</c>, <c>index</c>) covers leaves [index·2^level, (index+1)·2^level): level 0 holds the
/// leaf hashes, level 1 the hashes of aligned pairs, and so on. A store persists these as node rows or tiles, so a
/// proof reads O(log n) of them instead of rehashing every leaf. Callers only ask for subtrees that lie wholly
/// inside a tree size the source has committed.
/// </remarks>
public interface IMerkleHashSource
{
    /// <summary>The hash of the perfect subtree of 2^<paramref name="level"/> leaves at position <paramref name="index"/> in that level.</summary>
    MerkleHash GetSubtreeHash(int level, long index);
}
