using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Consents;

/// <summary>
/// Told about every Consent the FHIR facade stores, after the write has committed, so that the host can append
/// ConsentRecorded / Updated / Revoked ledger entries. Register any number in DI; they run in registration order.
/// </summary>
public interface IConsentObserver
{
    /// <summary>Called once per stored Consent version; <paramref name="consent"/> carries its id and meta.versionId.</summary>
    Task ConsentChangedAsync(Consent consent, ConsentChangeKind kind, CancellationToken cancellationToken);
}
