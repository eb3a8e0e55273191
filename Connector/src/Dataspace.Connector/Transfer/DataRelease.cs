using System.Collections.Immutable;
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
/// The enforcement chain every byte leaving the data plane passes, whichever way it leaves (pulled or pushed):
/// <see cref="AuthoriseAsync"/> checks the transfer's agreement and its usage constraints (count, time, purpose) through
/// the policy engine and counts the use; <see cref="ReleaseAsync"/> decides consent per patient, applies the residual
/// filters and the pseudonymisation duty, writes NDJSON page by page and records one <c>DataAccess</c> ledger entry.
/// </summary>
public sealed class DataRelease(
    NegotiationStore negotiations, AgreementUses uses, AgreementPolicies policies, PatientConsents consents, IFhirStore fhir,
    LedgerService ledger, LedgerPseudonyms pseudonyms, AgreementKeys keys, Membership membership, IOptions<ConnectorOptions> options, TimeProvider time)
{
    /// <summary>The most patients one request may name.</summary>
    public const int MaxPatients = 100;

    private const string ResearchProfile = "research-trends";
    private const int PageSize = 500;
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>
    /// Checks that <paramref name="transfer"/> (a provider's, STARTED) still stands on an agreement in force whose usage
    /// constraints admit one more use now, and counts that use. A refusal is recorded in the ledger.
    /// </summary>
    public async Task<ReleaseGrant> AuthoriseAsync(TransferProcess transfer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var now = time.GetUtcNow();
        var agreement = await negotiations.FindAgreementAsync(transfer.AgreementId, cancellationToken);
        if (agreement is null || agreement.Role != NegotiationRole.Provider || agreement.CounterPartyDid != transfer.CounterPartyDid)
            return ReleaseGrant.Refused("no_agreement", "The transfer's agreement is not in force.");
        if (policies.Get(agreement) is not { } policy)
            return ReleaseGrant.Refused("usage_denied", "The agreement's rules cannot be evaluated.");

        var member = membership.Find(transfer.CounterPartyDid);
        var (purpose, decision) = await uses.TryUseAsync(agreement.Id, used =>
        {
            var verdict = UsageCheck.Evaluate(policy, agreement.AssetId, transfer.CounterPartyDid, member, used, agreement.ConcludedAt, now);
            return (verdict.Decision.IsPermitted, verdict);
        }, cancellationToken);
        var purposeCode = purpose is null ? "" : purpose[(purpose.LastIndexOf('#') + 1)..];
        if (!decision.IsPermitted)
        {
            await ledger.AppendAsync(new DataAccess(now, agreement.Id, transfer.CounterPartyDid, purposeCode, 0, 0, [], ConsentOutcome.Deny, false), CancellationToken.None);
            return ReleaseGrant.Refused("usage_denied", decision.ToSafeReason());
        }
        var pseudonymiser = decision.RequiresPseudonymisation
            ? new Pseudonymiser(PseudonymisationProfile.BuiltIn(ResearchProfile), keys.For(agreement.Id), DateOnly.FromDateTime(agreement.ConcludedAt.UtcDateTime))
            : null;
        return ReleaseGrant.Granted(agreement, transfer.CounterPartyDid, purposeCode, pseudonymiser, now);
    }

    /// <summary>
    /// Writes to <paramref name="output"/>, as NDJSON, the <paramref name="resourceType"/> resources of each of
    /// <paramref name="patients"/> (<c>Patient/id</c>) that match <paramref name="filters"/> and that the patient's consent
    /// leaves visible, pseudonymised when the agreement asks; records one ledger entry, even when the write fails half way.
    /// </summary>
    public async Task<ReleaseSummary> ReleaseAsync(
        ReleaseGrant grant, string resourceType, IReadOnlyList<string> patients, IReadOnlyList<KeyValuePair<string, string>> filters, Stream output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(patients);
        ArgumentNullException.ThrowIfNull(output);
        if (!grant.IsGranted)
            throw new InvalidOperationException("A refused grant releases nothing.");
        long resources = 0;
        var accesses = ImmutableArray.CreateBuilder<PatientAccess>(patients.Count);
        var consentIds = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        try
        {
            foreach (var patient in patients)
            {
                var consent = await consents.DecideAsync(patient, grant.Purpose, resourceType, options.Value.Transfer.ImplicitConsent, grant.At, cancellationToken);
                consentIds.UnionWith(consent.ConsentIds);
                var written = consent.IsPermitted
                    ? await StreamPatientAsync(output, resourceType, patient, filters, consent, grant.Pseudonymiser, cancellationToken)
                    : 0;
                accesses.Add(new PatientAccess(pseudonyms.Derive(patient), consent.Outcome, written));
                resources += written;
            }
        }
        finally
        {
            var permitted = accesses.Count(a => a.Decision != ConsentOutcome.Deny);
            var outcome = permitted == 0 ? ConsentOutcome.Deny : permitted == patients.Count ? ConsentOutcome.Permit : ConsentOutcome.PermitWithFilters;
            await ledger.AppendAsync(new DataAccess(grant.At, grant.Agreement!.Id, grant.ConsumerDid, grant.Purpose, resources, permitted,
                consentIds.ToImmutableArray(), outcome, false) { Patients = accesses.ToImmutable() }, CancellationToken.None);
        }
        return new ReleaseSummary(resources, accesses.Count(a => a.Decision != ConsentOutcome.Deny), accesses.Count(a => a.Decision == ConsentOutcome.Deny));
    }

    /// <summary>Writes the patient's resources that the consent leaves visible (pseudonymised when asked), one search page at a time; returns how many.</summary>
    private async Task<long> StreamPatientAsync(
        Stream output, string resourceType, string patient, IReadOnlyList<KeyValuePair<string, string>> filters,
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
                await output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(json), cancellationToken);
                await output.WriteAsync(NewLine, cancellationToken);
                written++;
            }
            await output.FlushAsync(cancellationToken);
            if (page.Next is not { } next)
                return written;
            query = query with { Cursor = next };
        }
    }
}
