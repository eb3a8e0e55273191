using Dataspace.ConsentLedger.Ledger;
using Dataspace.Fhir.Consents;
using Hl7.Fhir.Model;

namespace Dataspace.Connector.Ledger;

/// <summary>Appends ConsentRecorded, ConsentUpdated or ConsentRevoked for every Consent the FHIR facade stores: its id, content hash and the patient's pseudonym, never the patient's id.</summary>
public sealed class LedgerConsentObserver(LedgerService ledger, LedgerPseudonyms pseudonyms, TimeProvider time) : IConsentObserver
{
    /// <inheritdoc/>
    public async System.Threading.Tasks.Task ConsentChangedAsync(Consent consent, ConsentChangeKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        // The facade reports only stored, validated Consents, which always have an id and name their patient.
        var id = consent.Id ?? throw new InvalidOperationException("A stored Consent has no id.");
        var patient = pseudonyms.Derive(consent.Patient?.Reference ?? throw new InvalidOperationException($"Consent {id} names no patient."));
        var hash = ConsentHash.Compute(consent);
        var now = time.GetUtcNow();
        LedgerEntry entry = kind switch
        {
            ConsentChangeKind.Recorded => new ConsentRecorded(now, id, hash, patient),
            ConsentChangeKind.Revoked => new ConsentRevoked(now, id, hash, patient),
            _ => new ConsentUpdated(now, id, hash, patient),
        };
        await ledger.AppendAsync(entry, cancellationToken);
    }
}
