using Dataspace.ConsentLedger.Ledger;

namespace Dataspace.Connector.Ledger;

/// <summary>What <see cref="LedgerAuditor"/> reads, streamed in order: a ledger database, or a connector's ledger API.</summary>
public interface ILedgerAuditSource
{
    /// <summary>Every entry, in index order as the source holds them (gaps and disorder are what the audit looks for).</summary>
    IAsyncEnumerable<StoredEntry> EntriesAsync(CancellationToken cancellationToken);

    /// <summary>The signed tree heads the source offers, by ascending tree size.</summary>
    IAsyncEnumerable<SignedTreeHead> TreeHeadsAsync(CancellationToken cancellationToken);

    /// <summary>The cosignatures stored for the tree head of <paramref name="treeSize"/>.</summary>
    Task<IReadOnlyList<Cosignature>> CosignaturesAsync(long treeSize, CancellationToken cancellationToken);

    /// <summary>Compares a subtree recomputed from the entries with the one the source stores; null when they agree or the source stores none.</summary>
    /// <param name="subtree">The recomputed subtree; level 0 is the leaf of <paramref name="entry"/>.</param>
    /// <param name="entry">The entry whose append completed the subtree.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<string?> CheckSubtreeAsync(CompletedSubtree subtree, StoredEntry entry, CancellationToken cancellationToken);
}
