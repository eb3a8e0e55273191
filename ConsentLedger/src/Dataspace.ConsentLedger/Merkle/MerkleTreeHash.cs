namespace Dataspace.ConsentLedger.Merkle;

/// <summary>The Merkle Tree Hash MTH(D[n]) of RFC 9162 §2.1.1, read from stored perfect subtrees in O(log n).</summary>
public static class MerkleTreeHash
{
    /// <summary>The root hash of the first <paramref name="treeSize"/> leaves held by <paramref name="source"/>.</summary>
    public static MerkleHash Compute(IMerkleHashSource source, long treeSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return TreeShape.RangeHash(source, 0, treeSize);
    }
}
