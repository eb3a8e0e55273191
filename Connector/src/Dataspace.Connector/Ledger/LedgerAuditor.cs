using System.Text;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Recomputes a ledger from its entries in one streaming pass, holding only the tree's right edge, and checks it against
/// everything stored: each leaf and subtree hash, each signed tree head (root at its size, signature, cosignatures, time
/// order) and a tree head the auditor trusts from before. It stops at the first problem and names the first bad index.
/// </summary>
/// <remarks>Keys belong to <paramref name="keys"/>, which may hand out the same instance twice, so they are not disposed here.</remarks>
public sealed class LedgerAuditor(ILedgerAuditSource source, AuditKeys keys)
{
    /// <summary>Runs the audit; <paramref name="trusted"/> is a tree head obtained earlier that the log must still contain.</summary>
    public async Task<LedgerAuditReport> RunAsync(SignedTreeHead? trusted, CancellationToken cancellationToken = default)
    {
        var frontier = new MerkleFrontier();
        var completed = new List<CompletedSubtree>(64);
        var treeHeadCount = 0;
        var cosignatureCount = 0;
        SignedTreeHead? previous = null;
        await using var treeHeads = source.TreeHeadsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = await treeHeads.MoveNextAsync() ? treeHeads.Current : null;

        LedgerAuditReport Fail(long? index, string problem) => new(frontier.Size, treeHeadCount, cosignatureCount, frontier.RootHash(), new AuditFinding(index, problem));

        if (trusted is not null && await CheckSignatureAsync(trusted, "the trusted tree head", cancellationToken) is { } untrusted)
        {
            return Fail(null, untrusted);
        }

        // Tree heads due at the current size (the empty tree's before any entry) are checked as the recomputation reaches them.
        async Task<AuditFinding?> CheckDueAsync()
        {
            while (next is not null && next.TreeSize <= frontier.Size)
            {
                var treeHead = next;
                if (treeHead.TreeSize < frontier.Size)
                {
                    return new AuditFinding(null, $"tree heads are out of order at size {treeHead.TreeSize}");
                }

                if (treeHead.RootHash != frontier.RootHash())
                {
                    // Everything up to the previous head matched, so the first changed entry lies after it.
                    return new AuditFinding(previous?.TreeSize ?? 0, $"the entries do not hash to the root of the signed tree head of size {treeHead.TreeSize} (a change between index {previous?.TreeSize ?? 0} and {treeHead.TreeSize - 1})");
                }

                if (await CheckSignatureAsync(treeHead, $"the tree head of size {treeHead.TreeSize}", cancellationToken) is { } badSignature)
                {
                    return new AuditFinding(null, badSignature);
                }

                if (previous is not null && treeHead.Timestamp < previous.Timestamp)
                {
                    return new AuditFinding(null, $"the tree head of size {treeHead.TreeSize} is dated before the one of size {previous.TreeSize}");
                }

                foreach (var cosignature in await source.CosignaturesAsync(treeHead.TreeSize, cancellationToken))
                {
                    var keyId = JwsKeyId.Read(cosignature.Signature);
                    var key = await keys.WitnessKey(cosignature.WitnessDid, keyId, cancellationToken);
                    if (key is null || !cosignature.Verify(treeHead, key, keyId!))
                    {
                        return new AuditFinding(null, $"the cosignature of {cosignature.WitnessDid} on the tree head of size {treeHead.TreeSize} does not verify");
                    }

                    cosignatureCount++;
                }

                treeHeadCount++;
                previous = treeHead;
                next = await treeHeads.MoveNextAsync() ? treeHeads.Current : null;
            }

            if (trusted is not null && trusted.TreeSize == frontier.Size && trusted.RootHash != frontier.RootHash())
            {
                return new AuditFinding(previous?.TreeSize ?? 0, $"the log no longer matches the trusted tree head of size {trusted.TreeSize}: history before index {trusted.TreeSize} was rewritten");
            }

            return null;
        }

        // Whether CheckDueAsync has anything to look at for the current size (it is a no-op otherwise).
        bool Due() => (next is not null && next.TreeSize <= frontier.Size) || (trusted is not null && trusted.TreeSize == frontier.Size);

        string? OutOfOrder(long index) => index == frontier.Size ? null
            : index > frontier.Size ? $"entry missing (the next stored entry is {index})"
            : $"entry {index} appears again, out of order";

        if (await CheckDueAsync() is { } atStart)
        {
            return Fail(atStart.Index, atStart.Problem);
        }

        if (source is DatabaseAuditSource database)
        {
            // Leaf hashes come from the database source's reading thread; folding and comparing stay here, in order.
            await foreach (var block in database.LeafHashesAsync(cancellationToken))
            {
                var indexes = block.Indexes;
                var hashes = block.Hashes;
                for (var i = 0; i < block.Count; i++)
                {
                    if (OutOfOrder(indexes[i]) is { } gap)
                    {
                        return Fail(frontier.Size, gap);
                    }

                    completed.Clear();
                    frontier.Append(hashes[i], completed);
                    for (var c = 0; c < completed.Count; c++)
                    {
                        var subtree = completed[c];
                        var check = database.CheckSubtreeAsync(subtree, cancellationToken);
                        if ((check.IsCompletedSuccessfully ? check.Result : await check) is { } mismatch)
                        {
                            return Fail(subtree.FirstLeaf, mismatch);
                        }
                    }

                    if (Due() && await CheckDueAsync() is { } finding)
                    {
                        return Fail(finding.Index, finding.Problem);
                    }
                }
            }
        }
        else
        {
            var utf8 = new byte[4096];
            await foreach (var entry in source.EntriesAsync(cancellationToken))
            {
                if (OutOfOrder(entry.Index) is { } gap)
                {
                    return Fail(frontier.Size, gap);
                }

                completed.Clear();
                // One buffer for every entry's UTF-8 bytes: a pass over millions of entries allocates none of its own.
                var length = Encoding.UTF8.GetMaxByteCount(entry.Entry.Length);
                if (utf8.Length < length)
                {
                    utf8 = new byte[Math.Max(length, utf8.Length * 2)];
                }

                var written = Encoding.UTF8.GetBytes(entry.Entry, utf8);
                frontier.Append(ReusedMerkleHasher.LeafHash(utf8.AsSpan(0, written)), completed);
                foreach (var subtree in completed)
                {
                    if (await source.CheckSubtreeAsync(subtree, entry, cancellationToken) is { } mismatch)
                    {
                        return Fail(subtree.FirstLeaf, mismatch);
                    }
                }

                if (Due() && await CheckDueAsync() is { } finding)
                {
                    return Fail(finding.Index, finding.Problem);
                }
            }
        }

        if (next is not null)
        {
            return Fail(frontier.Size, $"entry missing: the signed tree head of size {next.TreeSize} covers more entries than the log holds ({frontier.Size})");
        }

        if (previous is null)
        {
            return Fail(null, "the ledger has no signed tree head");
        }

        if (frontier.Size > previous.TreeSize)
        {
            return Fail(previous.TreeSize, $"entries beyond the newest signed tree head (size {previous.TreeSize}): inserted after signing");
        }

        if (trusted is not null && trusted.TreeSize > frontier.Size)
        {
            return Fail(frontier.Size, $"the log holds {frontier.Size} entries, fewer than the trusted tree head of size {trusted.TreeSize}");
        }

        return new LedgerAuditReport(frontier.Size, treeHeadCount, cosignatureCount, frontier.RootHash(), null);
    }

    private async Task<string?> CheckSignatureAsync(SignedTreeHead treeHead, string what, CancellationToken cancellationToken)
    {
        var keyId = JwsKeyId.Read(treeHead.Signature);
        var key = await keys.TreeHeadKey(keyId, cancellationToken);
        if (key is null)
        {
            return $"{what} is signed with key '{keyId}', which is not the ledger's";
        }

        return treeHead.Verify(key, keyId!) ? null : $"the signature of {what} does not verify";
    }
}
