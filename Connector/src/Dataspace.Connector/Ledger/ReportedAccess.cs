namespace Dataspace.Connector.Ledger;

/// <summary>One data-access entry as a patient's access report shows it: who, why, under which agreement, and what was decided for this patient.</summary>
/// <param name="Index">The entry's ledger index, for <c>GET /api/ledger/v1/proof/inclusion?index=</c>.</param>
/// <param name="LeafHash">The tree's leaf hash at <paramref name="Index"/>, base64.</param>
/// <param name="RecordedAt">When the access was recorded.</param>
/// <param name="ConsumerDid">Who received (or was refused) the data.</param>
/// <param name="Purpose">The purpose of use the agreement was exercised for.</param>
/// <param name="AgreementId">The contract agreement.</param>
/// <param name="Decision">The consent decision for this patient: <c>permit</c>, <c>deny</c> or <c>permit-with-filters</c>.</param>
/// <param name="ResourceCount">How many of this patient's resources left.</param>
/// <param name="BreakGlass">Whether the access was an emergency override.</param>
/// <param name="ConsentIds">The Consents that decided the request (for all its patients).</param>
/// <param name="InclusionProof">The path of this entry's inclusion proof against the report's tree head.</param>
public sealed record ReportedAccess(
    long Index,
    string? LeafHash,
    DateTimeOffset RecordedAt,
    string ConsumerDid,
    string Purpose,
    string AgreementId,
    string Decision,
    long ResourceCount,
    bool BreakGlass,
    IReadOnlyList<string> ConsentIds,
    string InclusionProof);
