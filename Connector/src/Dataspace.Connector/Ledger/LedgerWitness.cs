using System.Net;
using System.Text.Json;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// Cosigns peers' tree heads. For each peer: read its newest head, check the signature with the peer's DID key, check a
/// consistency proof from the last head this witness accepted (kept in its own database), remember the new head, and
/// only then sign it and post the cosignature to the peer. A head that contradicts the remembered one is an alarm and is
/// never cosigned, so a ledger cannot rewrite history without every witness noticing.
/// </summary>
public sealed class LedgerWitness(
    IHttpClientFactory httpClients,
    DidResolver resolver,
    SelfIssuedTokens tokens,
    LedgerStore store,
    ParticipantIdentity self,
    IOptions<ConnectorOptions> options,
    ILogger<LedgerWitness> logger)
{
    // One witnessing run at a time: the schedule and a manual call must not interleave their read-check-remember steps.
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Witnesses every peer in <see cref="LedgerOptions.WitnessPeers"/>.</summary>
    public async Task<IReadOnlyList<WitnessOutcome>> WitnessAllAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<WitnessOutcome>();
        foreach (var peer in options.Value.Ledger.WitnessPeers)
        {
            outcomes.Add(await WitnessAsync(peer, cancellationToken));
        }

        return outcomes;
    }

    /// <summary>Witnesses <paramref name="peerDid"/>'s ledger now.</summary>
    public async Task<WitnessOutcome> WitnessAsync(string peerDid, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var outcome = await CheckAndCosignAsync(peerDid, cancellationToken);
            if (outcome.Status == WitnessStatus.Inconsistent)
            {
                LogAlarm(logger, peerDid, outcome.TreeSize, outcome.Detail);
            }
            else if (outcome.Status != WitnessStatus.Cosigned)
            {
                LogNotCosigned(logger, peerDid, outcome.Status, outcome.Detail);
            }

            return outcome;
        }
        catch (Exception e) when (e is HttpRequestException or LedgerClientException or DidResolutionException or JsonException or TaskCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            LogNotCosigned(logger, peerDid, WitnessStatus.Unreachable, e.Message);
            return new WitnessOutcome(peerDid, WitnessStatus.Unreachable, null, e.Message);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<WitnessOutcome> CheckAndCosignAsync(string peerDid, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(LedgerClient.HttpClientName);
        var client = new LedgerClient(http, LedgerClient.OriginOf(peerDid, options.Value.Identity.InsecureHosts));
        var (treeHead, _) = await client.GetTreeHeadAsync(cancellationToken: cancellationToken);
        var keyId = JwsKeyId.Read(treeHead.Signature);
        using var key = await DidKeys.ResolveAsync(resolver, peerDid, keyId, cancellationToken);
        if (key is null || !treeHead.Verify(key, keyId!))
        {
            return new WitnessOutcome(peerDid, WitnessStatus.BadSignature, treeHead.TreeSize, "the tree head is not signed by a key of the peer's DID");
        }

        var last = await store.LastWitnessedAsync(peerDid, cancellationToken);
        if (last is not null)
        {
            if (treeHead.TreeSize < last.TreeSize)
            {
                return Inconsistent(peerDid, treeHead, $"the tree shrank from {last.TreeSize} to {treeHead.TreeSize} entries");
            }

            if (treeHead.TreeSize == last.TreeSize && treeHead.RootHash != last.RootHash)
            {
                return Inconsistent(peerDid, treeHead, $"two different roots for the tree of {last.TreeSize} entries");
            }

            if (treeHead.TreeSize > last.TreeSize && last.TreeSize > 0)
            {
                var proof = await client.GetConsistencyProofAsync(last.TreeSize, treeHead.TreeSize, cancellationToken);
                if (!proof.Verify(last.Head, treeHead.Head))
                {
                    return Inconsistent(peerDid, treeHead, $"the tree of {treeHead.TreeSize} entries does not extend the one of {last.TreeSize} cosigned before");
                }
            }
        }

        // Remembered before posting: even if the peer refuses the cosignature, it cannot later present a history that contradicts this head.
        await store.RememberWitnessedAsync(peerDid, treeHead, cancellationToken);
        var cosignature = Cosignature.Create(treeHead, self.Did, self.SigningKey.ECDsa, self.KeyId);
        var token = tokens.Create(peerDid, options.Value.Identity.TokenLifetime);
        var (status, detail) = await client.PostCosignatureAsync(treeHead.TreeSize, cosignature, token, cancellationToken);
        return status is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent
            ? new WitnessOutcome(peerDid, WitnessStatus.Cosigned, treeHead.TreeSize, "consistent; cosignature stored by the peer")
            : new WitnessOutcome(peerDid, WitnessStatus.Refused, treeHead.TreeSize, $"consistent, but the peer answered {(int)status}: {detail}");
    }

    private static WitnessOutcome Inconsistent(string peerDid, SignedTreeHead treeHead, string detail) =>
        new(peerDid, WitnessStatus.Inconsistent, treeHead.TreeSize, detail);

    private static void LogAlarm(ILogger logger, string peer, long? treeSize, string detail) =>
        logger.LogCritical("LEDGER ALARM: {Peer} presented a tree head of size {TreeSize} inconsistent with the one this witness cosigned before: {Detail}. Not cosigned.", peer, treeSize, detail);

    private static void LogNotCosigned(ILogger logger, string peer, WitnessStatus status, string detail) =>
        logger.LogWarning("Ledger of {Peer} not cosigned ({Status}): {Detail}", peer, status, detail);
}
