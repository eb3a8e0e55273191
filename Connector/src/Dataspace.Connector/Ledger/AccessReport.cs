namespace Dataspace.Connector.Ledger;

/// <summary>
/// What the ledger records about one patient: every access to their data (with the decision and count for them) and
/// every change to their Consents, each with the index and leaf hash to ask an inclusion proof for against <see cref="TreeHead"/>.
/// </summary>
/// <param name="Patient">The patient reference the caller gave (<c>Patient/id</c>); the ledger itself holds only <paramref name="Pseudonym"/>.</param>
/// <param name="Pseudonym">The patient's ledger pseudonym: the value every listed entry carries.</param>
/// <param name="TreeHead">The newest signed tree head, as <c>GET /api/ledger/v1/sth</c> serves it; the report covers the entries below its size.</param>
/// <param name="From">Only entries recorded at or after this time, when given.</param>
/// <param name="To">Only entries recorded before this time, when given.</param>
/// <param name="Accesses">Data-access entries naming the patient, in ledger (time) order.</param>
/// <param name="ConsentEvents">Consent recorded, updated and revoked entries of the patient, in ledger (time) order.</param>
/// <param name="NextAfter">Where the next page starts (its <c>after</c>), or null on the last page.</param>
/// <param name="Next">The next page's path and query, or null on the last page (and outside HTTP).</param>
public sealed record AccessReport(
    string Patient,
    string Pseudonym,
    TreeHeadJson? TreeHead,
    DateTimeOffset? From,
    DateTimeOffset? To,
    IReadOnlyList<ReportedAccess> Accesses,
    IReadOnlyList<ReportedConsentEvent> ConsentEvents,
    long? NextAfter,
    string? Next);
