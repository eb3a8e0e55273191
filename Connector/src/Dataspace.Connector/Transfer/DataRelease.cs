using System.Collections.Immutable;
using Dataspace.ConsentLedger.Consent;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.ConsentLedger.Pseudonymisation;
using Dataspace.Connector.Catalog;
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
    NegotiationStore negotiations, AgreementUses uses, AgreementPolicies policies, PatientConsents consents, IFhirSource source,
    LedgerService ledger, LedgerPseudonyms pseudonyms, AgreementKeys keys, Membership membership, IOptions<ConnectorOptions> options, TimeProvider time,
    CatalogStores catalog, PseudonymisationProfiles profiles)
{
    /// <summary>The most patients one request may name.</summary>
    public const int MaxPatients = 100;

    private const int MaxJsonDepth = 256;

    /// <summary>
    /// Checks that <paramref name="transfer"/> (a provider's, STARTED) still stands on an agreement in force whose usage
    /// constraints admit one more use now, and counts that use. A refusal is recorded in the ledger.
    /// </summary>
    /// <remarks>
    /// The agreement covers its asset and nothing more: <paramref name="resourceType"/> must lie in the asset's scope
    /// (<see cref="AssetScope"/>), whose code and category restrictions the grant carries into every search.
    /// A <paramref name="breakGlassReason"/> declares break-glass, admitted only for a consumer
    /// <c>Transfer:BreakGlass:Allowed</c> lists and under an agreement whose rules admit the purpose BTG (break the glass ⊂
    /// emergency treatment ⊂ treatment). Every break-glass refusal is recorded in the ledger as a break-glass entry. The
    /// pseudonymisation duty applies the profile the asset names.
    /// </remarks>
    public async Task<ReleaseGrant> AuthoriseAsync(TransferProcess transfer, string resourceType, string? breakGlassReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        var now = time.GetUtcNow();
        var agreement = await negotiations.FindAgreementAsync(transfer.AgreementId, cancellationToken);
        if (agreement is null || agreement.Role != NegotiationRole.Provider || agreement.CounterPartyDid != transfer.CounterPartyDid)
            return ReleaseGrant.Refused("no_agreement", "The transfer's agreement is not in force.");
        if (policies.Get(agreement) is not { } policy)
            return ReleaseGrant.Refused("usage_denied", "The agreement's rules cannot be evaluated.");

        var consumer = transfer.CounterPartyDid;
        var member = membership.Find(consumer);
        var breakGlass = breakGlassReason is not null;

        // Every refusal past this point is recorded: who asked, under which agreement, for what purpose, and that nothing left.
        async Task<ReleaseGrant> RefuseAsync(string purposeCode, string error, string reason)
        {
            await ledger.AppendAsync(new DataAccess(now, agreement.Id, consumer, purposeCode, 0, 0, [], ConsentOutcome.Deny, breakGlass), CancellationToken.None);
            return ReleaseGrant.Refused(error, reason);
        }

        if (breakGlass && !options.Value.Transfer.BreakGlass.Admits(consumer, member))
            return await RefuseAsync(PurposeOfUse.BreakTheGlass, "break_glass_denied", "This consumer may not declare break-glass.");
        // Break-glass is judged for BTG alone, whatever else the member is entitled to: the agreement itself must admit it.
        var judged = breakGlass
            ? new MemberOptions { Did = consumer, Country = member?.Country, Role = member?.Role, Purposes = [Dataspace.PolicyEngine.Operands.PurposeOfUse.BreakTheGlass] }
            : member;
        var asset = await catalog.Assets.GetAsync(agreement.AssetId, cancellationToken);
        var scopeFilters = asset is null ? null : AssetScope.Parse(asset.DataAddress, out var scopeProblems) is var scope && scopeProblems.Count == 0 ? scope.FiltersFor(resourceType) : null;
        if (scopeFilters is null)
            return await RefuseAsync("", "outside_asset", asset is null
                ? "The agreement's dataset is no longer offered by the provider."
                : $"The agreement's dataset does not include {resourceType} resources.");
        var profile = profiles.Find(PseudonymisationProfiles.NameFor(asset!.DataAddress.Properties));
        var (purpose, decision) = await uses.TryUseAsync(agreement.Id, used =>
        {
            var verdict = UsageCheck.Evaluate(policy, agreement.AssetId, consumer, judged, used, agreement.ConcludedAt, now);
            // A request the profile refuses below (missing, or releasing nothing of this type) must not use up the agreement's count.
            return (verdict.Decision.IsPermitted && (!verdict.Decision.RequiresPseudonymisation || profile?.Resources.ContainsKey(resourceType) == true), verdict);
        }, cancellationToken);
        var purposeCode = purpose is null ? "" : purpose[(purpose.LastIndexOf('#') + 1)..];
        if (!decision.IsPermitted)
            return breakGlass
                ? await RefuseAsync(purposeCode, "break_glass_denied", "The agreement does not admit break-glass (emergency treatment): " + decision.ToSafeReason())
                : await RefuseAsync(purposeCode, "usage_denied", decision.ToSafeReason());
        Pseudonymiser? pseudonymiser = null;
        if (decision.RequiresPseudonymisation)
        {
            if (profile is null)
                return await RefuseAsync(purposeCode, "profile_unavailable", "The dataset's de-identification profile is not available at the provider.");
            // Every resource of a type the profile does not list would be dropped: say so rather than answer an empty 200.
            if (!profile.Resources.ContainsKey(resourceType))
                return await RefuseAsync(purposeCode, "outside_profile", $"The dataset's de-identification profile releases no {resourceType} resources.");
            pseudonymiser = new Pseudonymiser(profile, keys.For(agreement.Id), DateOnly.FromDateTime(agreement.ConcludedAt.UtcDateTime));
        }
        return (breakGlass
            ? ReleaseGrant.GrantedBreakingGlass(agreement, consumer, purposeCode, pseudonymiser, now, breakGlassReason!)
            : ReleaseGrant.Granted(agreement, consumer, purposeCode, pseudonymiser, now)) with { ScopeFilters = scopeFilters };
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
        var permitted = 0;
        IReadOnlyList<KeyValuePair<string, string>> searched = [.. filters, .. grant.ScopeFilters];
        var accesses = ImmutableArray.CreateBuilder<PatientAccess>(patients.Count);
        var consentIds = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        var ndjson = new NdjsonWriter(output);
        try
        {
            // Every patient's Consents in one read; each decision still reflects the store at this request.
            var decisions = await consents.DecideAsync(patients, grant.Purpose, resourceType, options.Value.Transfer.ImplicitConsent, grant.At, grant.BreakGlass, cancellationToken);
            for (var i = 0; i < patients.Count; i++)
            {
                var (patient, consent) = (patients[i], decisions[i]);
                consentIds.UnionWith(consent.ConsentIds);
                var written = consent.IsPermitted
                    ? await StreamPatientAsync(ndjson, resourceType, patient, searched, consent, grant.Pseudonymiser, cancellationToken)
                    : 0;
                if (consent.IsPermitted)
                    permitted++;
                accesses.Add(new PatientAccess(pseudonyms.Derive(patient), consent.Outcome, written));
                resources += written;
            }
            // Inside the try: the data is on its way before the ledger entry is awaited.
            await ndjson.CompleteAsync(cancellationToken);
        }
        catch
        {
            ndjson.Abandon();
            throw;
        }
        finally
        {
            var outcome = permitted == 0 ? ConsentOutcome.Deny : permitted == patients.Count ? ConsentOutcome.Permit : ConsentOutcome.PermitWithFilters;
            await ledger.AppendAsync(new DataAccess(grant.At, grant.Agreement!.Id, grant.ConsumerDid, grant.Purpose, resources, permitted,
                consentIds.ToImmutableArray(), outcome, grant.BreakGlass) { Patients = accesses.ToImmutable() }, CancellationToken.None);
        }
        return new ReleaseSummary(resources, permitted, accesses.Count - permitted);
    }

    /// <summary>
    /// Writes the patient's resources from the source that the consent leaves visible (pseudonymised when asked); returns
    /// how many. Under a plain permit the source's bytes go out untouched; residual filters read the few facts they judge
    /// from the JSON, and only the pseudonymisation duty builds Firely's model (and serialises its copy straight into the output).
    /// </summary>
    private async Task<long> StreamPatientAsync(
        NdjsonWriter output, string resourceType, string patient, IReadOnlyList<KeyValuePair<string, string>> filters,
        ConsentDecision consent, Pseudonymiser? pseudonymiser, CancellationToken cancellationToken)
    {
        long written = 0;
        var filtered = consent.Outcome != ConsentOutcome.Permit;
        await foreach (var json in source.ReadAsync(resourceType, patient, filters, cancellationToken))
        {
            if (filtered && !consent.Allows(JsonDataItem.Of(json)))
                continue;
            if (pseudonymiser is null)
            {
                output.WriteLine(json.Span);
            }
            else
            {
                var resource = source.IsValidated ? FhirJson.ParseValidated(json.Span) : FhirJson.Parse(json.Span, MaxJsonDepth);
                if (pseudonymiser.Apply(resource) is not { } pseudonymised)
                    continue;
                output.WriteLine(pseudonymised);
            }
            written++;
            await output.FlushIfDueAsync(cancellationToken);
        }
        return written;
    }
}
