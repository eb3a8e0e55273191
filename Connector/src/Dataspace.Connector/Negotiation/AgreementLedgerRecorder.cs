using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Canonicalization;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;

namespace Dataspace.Connector.Negotiation;

/// <summary>
/// Appends an <c>AgreementConcluded</c> ledger entry whenever a negotiation of this connector commits as FINALIZED, so
/// regulators can match every later data access to the agreement it ran under.
/// </summary>
public sealed class AgreementLedgerRecorder(
    NegotiationStore store, LedgerService ledger, ParticipantIdentity self, TimeProvider time, ILogger<AgreementLedgerRecorder> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        store.Committed += OnCommitted;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        store.Committed -= OnCommitted;
        return Task.CompletedTask;
    }

    private void OnCommitted(string negotiationId, NegotiationState state)
    {
        if (state == NegotiationState.Finalized)
            _ = RecordAsync(negotiationId);
    }

    private async Task RecordAsync(string negotiationId)
    {
        try
        {
            var negotiation = await store.FindAsync(negotiationId);
            if (negotiation?.Agreement is not { } agreement || agreement["@id"]?.GetValue<string>() is not { } agreementId)
                return;
            var (provider, consumer) = negotiation.Role == NegotiationRole.Provider
                ? (self.Did, negotiation.CounterPartyDid)
                : (negotiation.CounterPartyDid, self.Did);
            var canonical = JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(agreement.ToJsonString()));
            var policyHash = Convert.ToHexStringLower(SHA256.HashData(canonical));
            await ledger.AppendAsync(new AgreementConcluded(time.GetUtcNow(), agreementId, provider, consumer, negotiation.AssetId ?? "", policyHash));
        }
        catch (Exception e) when (e is LedgerAppendException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The agreement itself is stored; a lost ledger entry is an audit gap the operator must see.
            logger.LogError(e, "Agreement of negotiation {Negotiation} was concluded but could not be recorded in the ledger", negotiationId);
        }
    }
}
