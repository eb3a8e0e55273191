using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>What an audit checked, and the first problem it found, if any.</summary>
/// <param name="Entries">Entries recomputed.</param>
/// <param name="TreeHeads">Signed tree heads checked.</param>
/// <param name="Cosignatures">Cosignatures checked.</param>
/// <param name="RootHash">The root recomputed over every entry read.</param>
/// <param name="Finding">The first problem; null when the ledger verified.</param>
public sealed record LedgerAuditReport(long Entries, int TreeHeads, int Cosignatures, MerkleHash RootHash, AuditFinding? Finding)
{
    /// <summary>True when nothing was wrong.</summary>
    public bool Verified => Finding is null;
}

/// <summary>A problem an audit found.</summary>
/// <param name="Index">The first entry index known to be bad, when the problem is in the entries or the tree.</param>
/// <param name="Problem">What is wrong, in a sentence.</param>
public sealed record AuditFinding(long? Index, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() => Index is { } index ? $"index {index}: {Problem}" : Problem;
}
