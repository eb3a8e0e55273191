namespace Dataspace.Connector.Ledger;

/// <summary>One Consent lifecycle entry as a patient's access report shows it.</summary>
/// <param name="Index">The entry's ledger index.</param>
/// <param name="LeafHash">The tree's leaf hash at <paramref name="Index"/>, base64.</param>
/// <param name="RecordedAt">When the change was recorded.</param>
/// <param name="Event"><c>recorded</c>, <c>updated</c> or <c>revoked</c>.</param>
/// <param name="ConsentId">The Consent resource's id.</param>
/// <param name="ConsentHash">SHA-256 of the Consent's canonical JSON as stored then, hex.</param>
/// <param name="InclusionProof">The path of this entry's inclusion proof against the report's tree head.</param>
public sealed record ReportedConsentEvent(
    long Index,
    string? LeafHash,
    DateTimeOffset RecordedAt,
    string Event,
    string ConsentId,
    string ConsentHash,
    string InclusionProof);
