using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>Roots and proofs over the stored tree: O(log n) subtree hashes each, upper levels from the cache, the rest in one query.</summary>
/// <remarks>Callers keep sizes within a committed tree head; the stored hashes of larger trees may not exist yet.</remarks>
public sealed class LedgerTree(LedgerStore store, SubtreeCache cache)
{
    /// <summary>The audit path of leaf <paramref name="leafIndex"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    public Task<InclusionProof> InclusionProofAsync(long leafIndex, long treeSize, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => InclusionProof.Create(source, leafIndex, treeSize), cancellationToken);

    /// <summary>The proof that the tree of <paramref name="secondTreeSize"/> leaves extends the one of <paramref name="firstTreeSize"/>.</summary>
    public Task<ConsistencyProof> ConsistencyProofAsync(long firstTreeSize, long secondTreeSize, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => ConsistencyProof.Create(source, firstTreeSize, secondTreeSize), cancellationToken);

    /// <summary>MTH of the first <paramref name="treeSize"/> leaves.</summary>
    public Task<MerkleHash> RootHashAsync(long treeSize, CancellationToken cancellationToken = default) =>
        ComputeAsync(source => MerkleTreeHash.Compute(source, treeSize), cancellationToken);

    private Task<T> ComputeAsync<T>(Func<IMerkleHashSource, T> compute, CancellationToken cancellationToken) =>
        new LoadedHashSource(cache).ComputeAsync(compute, wanted => store.SubtreesAsync(wanted, cancellationToken));
}
