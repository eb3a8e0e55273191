using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Merkle;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;

namespace Dataspace.Connector.Cli;

/// <summary>Runs <c>dataspace ledger prove … inclusion|consistency</c>: fetches a proof and the signed tree heads it links, prints and verifies it.</summary>
public sealed class LedgerProveAction(Option<Uri?> url, LedgerProveAction.Proof proof) : LedgerCommandAction
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Which proof, with its options.</summary>
    public abstract record Proof;

    /// <summary>An inclusion proof of one entry.</summary>
    public sealed record Inclusion(Option<long> Index, Option<long?> TreeSize) : Proof;

    /// <summary>A consistency proof between two tree sizes.</summary>
    public sealed record Consistency(Option<long> First, Option<long> Second) : Proof;

    /// <inheritdoc />
    protected override async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (parseResult.GetValue(url) is not { } origin)
        {
            return await UsageAsync(parseResult, ["--url is required."]);
        }

        using var keys = new LedgerCommandKeys();
        using var http = LedgerCommandHttp.Create();
        var ledger = new Prover(new LedgerClient(http, origin), DidWeb.FromUrl(new Uri(origin.GetLeftPart(UriPartial.Authority))), keys, cancellationToken);
        var (output, failure) = proof switch
        {
            Inclusion inclusion => await LedgerCommandHttp.ReadAsync(() => ledger.InclusionAsync(parseResult.GetValue(inclusion.Index), parseResult.GetValue(inclusion.TreeSize))),
            Consistency consistency => await LedgerCommandHttp.ReadAsync(() => ledger.ConsistencyAsync(parseResult.GetValue(consistency.First), parseResult.GetValue(consistency.Second))),
            _ => throw new InvalidOperationException("unknown proof"),
        };
        Console.Out.WriteLine(output.ToJsonString(Indented));
        Console.Out.WriteLine(failure is null ? "Verified." : "FAILED: " + failure);
        Console.Out.Flush();
        return failure is null ? LedgerCommand.Verified : LedgerCommand.Failed;
    }

    private sealed class Prover(LedgerClient client, string ownerDid, LedgerCommandKeys keys, CancellationToken cancellationToken)
    {
        public async Task<(JsonObject Output, string? Failure)> InclusionAsync(long index, long? treeSize)
        {
            var treeHead = await SignedHeadAsync(treeSize);
            if (index < 0 || index >= treeHead.Head.TreeSize)
            {
                throw new LedgerInputException($"--index must be below the tree size, {treeHead.Head.TreeSize}.");
            }

            var entries = await client.GetEntriesAsync(index, index, cancellationToken);
            var entry = entries.Count == 1 && entries[0].Index == index ? entries[0] : throw new LedgerInputException($"the ledger did not serve entry {index}");
            var leafHash = MerkleHasher.LeafHash(Encoding.UTF8.GetBytes(entry.Entry));
            var inclusion = await client.GetInclusionProofAsync(index, treeHead.Head.TreeSize, cancellationToken);
            var output = new JsonObject
            {
                ["leaf_index"] = inclusion.LeafIndex,
                ["tree_size"] = inclusion.TreeSize,
                ["entry"] = entry.Entry,
                ["leaf_hash"] = leafHash.ToBase64(),
                ["root_hash"] = treeHead.Head.RootHash.ToBase64(),
                ["audit_path"] = new JsonArray([.. inclusion.AuditPath.Select(h => JsonValue.Create(h.ToBase64()))]),
            };
            var failure = treeHead.Failure
                ?? (inclusion.LeafIndex == index && inclusion.TreeSize == treeHead.Head.TreeSize && inclusion.Verify(leafHash, treeHead.Head.RootHash)
                    ? null
                    : $"the audit path does not lead from entry {index} to the signed root of the tree of {treeHead.Head.TreeSize} entries");
            return (output, failure);
        }

        public async Task<(JsonObject Output, string? Failure)> ConsistencyAsync(long first, long second)
        {
            if (first < 1 || first > second)
            {
                throw new LedgerInputException("--first must be at least 1 and not above --second.");
            }

            var older = await SignedHeadAsync(first);
            var newer = await SignedHeadAsync(second);
            var consistency = await client.GetConsistencyProofAsync(first, second, cancellationToken);
            var output = new JsonObject
            {
                ["first"] = consistency.FirstTreeSize,
                ["second"] = consistency.SecondTreeSize,
                ["first_root_hash"] = older.Head.RootHash.ToBase64(),
                ["second_root_hash"] = newer.Head.RootHash.ToBase64(),
                ["proof"] = new JsonArray([.. consistency.ConsistencyPath.Select(h => JsonValue.Create(h.ToBase64()))]),
            };
            var failure = older.Failure ?? newer.Failure
                ?? (consistency.Verify(older.Head.Head, newer.Head.Head) ? null : $"the tree of {second} entries does not extend the one of {first}");
            return (output, failure);
        }

        // Proofs are only worth something against roots the ledger signed; a size it never signed a head for cannot be proven here.
        private async Task<(SignedTreeHead Head, string? Failure)> SignedHeadAsync(long? treeSize)
        {
            SignedTreeHead treeHead;
            try
            {
                (treeHead, _) = await client.GetTreeHeadAsync(treeSize, cancellationToken);
            }
            catch (LedgerClientException e) when (e.Status == System.Net.HttpStatusCode.NotFound)
            {
                throw new LedgerInputException($"the ledger signed no tree head of size {treeSize}", e);
            }

            var keyId = JwsKeyId.Read(treeHead.Signature);
            var key = await keys.FromDidAsync(ownerDid, keyId, cancellationToken);
            return (treeHead, key is not null && treeHead.Verify(key, keyId!) ? null : $"the tree head of size {treeHead.TreeSize} is not signed by a key of {ownerDid}");
        }
    }
}
