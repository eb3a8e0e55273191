using System.Collections.Immutable;
using System.Text;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Pseudonymisation;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Ledger;
using Dataspace.Connector.Negotiation;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's FHIR pull data plane, <c>GET /api/dataplane/v1/fhir/{resourceType}?patient=id[,id…][&amp;code=…]</c>
/// with the EDR token as <c>Authorization: Bearer</c>. Every request passes the whole chain: token (live, unexpired,
/// bound to a STARTED transfer) → the agreement's usage constraints (count, time, purpose) through the policy engine,
/// the use counted → consent per patient with residual filters per resource → one <c>DataAccess</c> ledger entry →
/// NDJSON streamed page by page. When the agreement carries a pseudonymisation duty, every resource goes through the
/// built-in <c>research-trends</c> profile with the agreement's key (types the profile does not allow are dropped).
/// </summary>
public static class DataPlaneEndpoints
{
    private const int MaxPatients = 100;
    private const string ResearchProfile = "research-trends";
    private const int PageSize = 500;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Maps the data plane below <see cref="TransferActions.DataPlanePath"/>.</summary>
    public static void MapDataPlane(this IEndpointRouteBuilder app) =>
        app.MapGet(TransferActions.DataPlanePath + "/{resourceType}", PullAsync).ExcludeFromDescription();

    private static async Task<IResult> PullAsync(
        string resourceType, HttpContext context, TransferStore transfers, NegotiationStore negotiations, AgreementUses uses, AgreementPolicies policies, PatientConsents consents,
        IFhirStore fhir, LedgerService ledger, AgreementKeys keys, Membership membership, IOptions<ConnectorOptions> options, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
            return Error(StatusCodes.Status401Unauthorized, "missing_token", "An EDR token is required as 'Authorization: Bearer'.");
        var transfer = await transfers.FindByTokenHashAsync(EdrToken.Hash(header["Bearer ".Length..].Trim()), context.RequestAborted);
        if (transfer is null || transfer.Role != NegotiationRole.Provider)
            return Error(StatusCodes.Status401Unauthorized, "invalid_token", "The token is unknown or no longer valid.");
        if (transfer.TokenExpiresAt is not { } expires || expires <= now)
            return Error(StatusCodes.Status401Unauthorized, "expired_token", "The token has expired; the provider sends a fresh one with a new start message.");
        if (transfer.State != TransferState.Started)
            return Error(StatusCodes.Status403Forbidden, "transfer_not_started", "The transfer is not STARTED.");
        var agreement = await negotiations.FindAgreementAsync(transfer.AgreementId, context.RequestAborted);
        if (agreement is null || agreement.Role != NegotiationRole.Provider || agreement.CounterPartyDid != transfer.CounterPartyDid)
            return Error(StatusCodes.Status403Forbidden, "no_agreement", "The transfer's agreement is not in force.");

        var patients = context.Request.Query["patient"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.StartsWith("Patient/", StringComparison.Ordinal) ? p : "Patient/" + p).Distinct(StringComparer.Ordinal).ToList();
        if (patients.Count is 0 or > MaxPatients)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"Give 1 to {MaxPatients} patients as 'patient=id[,id…]'.");
        var filters = context.Request.Query.Where(q => q.Key is not ("patient" or SearchQueryParser.CursorParameter))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        try
        {
            SearchQueryParser.Parse(resourceType, [new("patient", patients[0]), .. filters], lenient: false, PageSize, PageSize);
        }
        catch (FhirOutcomeException e)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_search", e.Message);
        }

        if (policies.Get(agreement) is not { } policy)
            return Error(StatusCodes.Status403Forbidden, "usage_denied", "The agreement's rules cannot be evaluated.");
        var member = membership.Find(transfer.CounterPartyDid);
        var (purpose, decision) = await uses.TryUseAsync(agreement.Id, used =>
        {
            var verdict = UsageCheck.Evaluate(policy, agreement.AssetId, transfer.CounterPartyDid, member, used, agreement.ConcludedAt, now);
            return (verdict.Decision.IsPermitted, verdict);
        }, context.RequestAborted);
        var purposeCode = purpose is null ? "" : purpose[(purpose.LastIndexOf('#') + 1)..];
        if (!decision.IsPermitted)
        {
            await ledger.AppendAsync(new DataAccess(now, agreement.Id, transfer.CounterPartyDid, purposeCode, 0, 0, [], ConsentOutcome.Deny, false), CancellationToken.None);
            return Error(StatusCodes.Status403Forbidden, "usage_denied", decision.ToSafeReason());
        }
        var pseudonymiser = decision.RequiresPseudonymisation
            ? new Pseudonymiser(PseudonymisationProfile.BuiltIn(ResearchProfile), keys.For(agreement.Id), DateOnly.FromDateTime(agreement.ConcludedAt.UtcDateTime))
            : null;

        context.Response.ContentType = "application/fhir+ndjson";
        long resources = 0, permittedPatients = 0, deniedPatients = 0;
        var consentIds = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        try
        {
            foreach (var patient in patients)
            {
                var consent = await consents.DecideAsync(patient, purposeCode, resourceType, options.Value.Transfer.ImplicitConsent, now, context.RequestAborted);
                consentIds.UnionWith(consent.ConsentIds);
                if (!consent.IsPermitted)
                {
                    deniedPatients++;
                    continue;
                }
                permittedPatients++;
                resources += await StreamPatientAsync(context, fhir, resourceType, patient, filters, consent, pseudonymiser, context.RequestAborted);
            }
        }
        finally
        {
            var outcome = permittedPatients == 0 ? ConsentOutcome.Deny : deniedPatients == 0 ? ConsentOutcome.Permit : ConsentOutcome.PermitWithFilters;
            await ledger.AppendAsync(new DataAccess(now, agreement.Id, transfer.CounterPartyDid, purposeCode, resources, permittedPatients,
                consentIds.ToImmutableArray(), outcome, false), CancellationToken.None);
        }
        return Results.Empty;
    }

    /// <summary>Writes the patient's resources that the consent leaves visible (pseudonymised when asked), one search page at a time; returns how many.</summary>
    private static async Task<long> StreamPatientAsync(
        HttpContext context, IFhirStore fhir, string resourceType, string patient, IReadOnlyList<KeyValuePair<string, string>> filters,
        ConsentDecision consent, Pseudonymiser? pseudonymiser, CancellationToken cancellationToken)
    {
        long written = 0;
        var query = SearchQueryParser.Parse(resourceType, [new("patient", patient), .. filters], lenient: false, PageSize, PageSize).Query with { Count = PageSize };
        while (true)
        {
            var page = await fhir.SearchAsync(query, cancellationToken);
            foreach (var match in page.Matches)
            {
                var json = match.Resource.Json!;
                var resource = consent.Outcome != ConsentOutcome.Permit || pseudonymiser is not null ? FhirJson.Parse<Hl7.Fhir.Model.Resource>(json) : null;
                if (resource is not null && consent.Outcome != ConsentOutcome.Permit && !consent.Allows(FhirDataItem.Of(resource)))
                    continue;
                if (pseudonymiser is not null)
                {
                    if (pseudonymiser.Apply(resource!) is not { } pseudonymised)
                        continue;
                    json = FhirJson.Serialize(pseudonymised);
                }
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), cancellationToken);
                await context.Response.Body.WriteAsync(NewLine, cancellationToken);
                written++;
            }
            await context.Response.Body.FlushAsync(cancellationToken);
            if (page.Next is not { } next)
                return written;
            query = query with { Cursor = next };
        }
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { error, message }, statusCode: status);
}
