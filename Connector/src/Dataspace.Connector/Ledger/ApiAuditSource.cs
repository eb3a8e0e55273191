using System.Runtime.CompilerServices;
using Dataspace.ConsentLedger.Ledger;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Audits a connector through its read-only ledger API: entries page by page up to the newest tree head, that head with
/// its cosignatures, and the served leaf hashes. Stored subtree hashes are not served, so only level 0 is compared.
/// </summary>
public sealed class ApiAuditSource(LedgerClient client, SignedTreeHead newest, IReadOnlyList<Cosignature> cosignatures) : ILedgerAuditSource
{
    /// <inheritdoc/>
    public async IAsyncEnumerable<StoredEntry> EntriesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long next = 0;
        while (next < newest.TreeSize)
        {
            var page = await client.GetEntriesAsync(next, newest.TreeSize - 1, cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            foreach (var entry in page)
            {
                yield return entry;
            }

            // Continue after the last index served; a server that skipped one is caught by the auditor's index check.
            next = Math.Max(next + 1, page[^1].Index + 1);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<SignedTreeHead> TreeHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield return newest;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<Cosignature>> CosignaturesAsync(long treeSize, CancellationToken cancellationToken) =>
        Task.FromResult(treeSize == newest.TreeSize ? cosignatures : []);

    /// <inheritdoc/>
    public ValueTask<string?> CheckSubtreeAsync(CompletedSubtree subtree, StoredEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (subtree.Level != 0)
        {
            return ValueTask.FromResult<string?>(null);
        }

        return ValueTask.FromResult(entry.LeafHash == subtree.Hash
            ? null
            : "entry changed: it no longer hashes to the leaf hash served for this index");
    }
}
