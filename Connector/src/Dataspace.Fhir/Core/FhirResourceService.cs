using Dataspace.Fhir.Consents;
using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Logging;

namespace Dataspace.Fhir.Core;

/// <summary>
/// The FHIR write interactions on top of <see cref="IFhirStore"/>: server-assigned ids, version checks, conditional
/// update, the Consent gate, and Consent notifications after commit. Independent of HTTP.
/// </summary>
public sealed class FhirResourceService(IFhirStore store, IEnumerable<IConsentObserver> observers, ILogger<FhirResourceService> logger)
{
    /// <summary>The store this service writes to.</summary>
    public IFhirStore Store => store;

    /// <summary>A new id: a random UUID, which reveals nothing about how many resources exist.</summary>
    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>Creates <paramref name="resource"/> under a new server-assigned id (any id it carries is replaced).</summary>
    public async Task<StoredResource> CreateAsync(Resource resource, CancellationToken cancellationToken = default)
    {
        resource.Id = NewId();
        var changes = new List<ConsentChange>();
        StoredResource stored;
        await using (var transaction = await store.BeginWriteAsync(cancellationToken))
        {
            stored = await SaveAsync(transaction, resource, null, changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await NotifyAsync(changes, cancellationToken);
        return stored;
    }

    /// <summary>Updates (or creates) <c>type/id</c>; <paramref name="ifMatch"/> is the version the client last saw.</summary>
    public async Task<WriteOutcome> UpdateAsync(string resourceType, string id, Resource resource, int? ifMatch, CancellationToken cancellationToken = default)
    {
        CheckTarget(resourceType, resource);
        if (resource.Id is null)
            throw FhirOutcomeException.BadRequest("An update must carry the resource's id.", "Resource.id");
        if (resource.Id != id)
            throw FhirOutcomeException.BadRequest("The resource's id differs from the id in the URL.", "Resource.id");
        var changes = new List<ConsentChange>();
        WriteOutcome outcome;
        await using (var transaction = await store.BeginWriteAsync(cancellationToken))
        {
            var current = await transaction.ReadAsync(resourceType, id, cancellationToken);
            if (ifMatch is { } expected && (current is null || current.Deleted || current.VersionId != expected))
                throw FhirOutcomeException.PreconditionFailed($"If-Match expects version {expected}, but the current version is {(current is null ? "none" : current.VersionId)}.");
            var stored = await SaveAsync(transaction, resource, current, changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outcome = new WriteOutcome(stored, current is null || current.Deleted);
        }
        await NotifyAsync(changes, cancellationToken);
        return outcome;
    }

    /// <summary>Conditional update: updates the one match of <paramref name="query"/>, creates when none matches, 412 when several do.</summary>
    public async Task<WriteOutcome> ConditionalUpdateAsync(Resource resource, SearchQuery query, CancellationToken cancellationToken = default)
    {
        CheckTarget(query.ResourceType, resource);
        var changes = new List<ConsentChange>();
        WriteOutcome outcome;
        await using (var transaction = await store.BeginWriteAsync(cancellationToken))
        {
            var id = await ResolveConditionalAsync(transaction, resource, query, cancellationToken);
            resource.Id = id;
            var current = await transaction.ReadAsync(query.ResourceType, id, cancellationToken);
            var stored = await SaveAsync(transaction, resource, current, changes, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            outcome = new WriteOutcome(stored, current is null || current.Deleted);
        }
        await NotifyAsync(changes, cancellationToken);
        return outcome;
    }

    /// <summary>Deletes <c>type/id</c>; returns the deletion marker, or null when there was nothing to delete.</summary>
    public async Task<StoredResource?> DeleteAsync(string resourceType, string id, CancellationToken cancellationToken = default)
    {
        await using var transaction = await store.BeginWriteAsync(cancellationToken);
        var deleted = await DeleteAsync(transaction, resourceType, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The id a conditional update writes to: the single match, the resource's own id, or a new one.</summary>
    internal static async Task<string> ResolveConditionalAsync(IFhirWriteTransaction transaction, Resource resource, SearchQuery query, CancellationToken cancellationToken)
    {
        if (query.Criteria.Count == 0)
            throw FhirOutcomeException.BadRequest("A conditional update needs search criteria.");
        var matches = await transaction.FindIdsAsync(query, 2, cancellationToken);
        switch (matches.Count)
        {
            case 0:
                return resource.Id ?? NewId();
            case 1 when resource.Id is not null && resource.Id != matches[0]:
                throw FhirOutcomeException.BadRequest("The resource's id differs from the id of the resource the condition matched.", "Resource.id");
            case 1:
                return matches[0];
            default:
                throw FhirOutcomeException.PreconditionFailed("The condition matches more than one resource.");
        }
    }

    /// <summary>Writes one resource inside <paramref name="transaction"/>, admitting Consents through the gate first.</summary>
    internal static async Task<StoredResource> SaveAsync(IFhirWriteTransaction transaction, Resource resource, StoredResource? current, List<ConsentChange> changes, CancellationToken cancellationToken)
    {
        if (resource is Hl7.Fhir.Model.Consent consent)
        {
            ConsentGate.Admit(consent);
            var previous = current is { Deleted: false, Json: { } json } ? FhirJson.Parse<Hl7.Fhir.Model.Consent>(json) : null;
            var stored = await transaction.SaveAsync(resource, current, cancellationToken);
            changes.Add(new ConsentChange(consent, ConsentGate.KindOf(previous, consent)));
            return stored;
        }
        return await transaction.SaveAsync(resource, current, cancellationToken);
    }

    /// <summary>Deletes inside <paramref name="transaction"/>; Consents are revoked, never deleted, so the record of them stays.</summary>
    internal static async Task<StoredResource?> DeleteAsync(IFhirWriteTransaction transaction, string resourceType, string id, CancellationToken cancellationToken)
    {
        if (resourceType == "Consent")
            throw FhirOutcomeException.NotSupported("Consents are not deleted: revoke one by updating its status to inactive.", 405);
        var current = await transaction.ReadAsync(resourceType, id, cancellationToken);
        return current is null || current.Deleted ? null : await transaction.DeleteAsync(current, cancellationToken);
    }

    /// <summary>Tells every observer about committed Consent changes; a failing observer is logged and does not undo the write.</summary>
    internal async Task NotifyAsync(IReadOnlyList<ConsentChange> changes, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            foreach (var observer in observers)
            {
                try
                {
                    await observer.ConsentChangedAsync(change.Consent, change.Kind, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The Consent is committed; the observer (the ledger) must catch up from the store, so say which one it missed.
                    logger.LogError(e, "Consent observer {Observer} failed for Consent/{Id} ({Kind})", observer.GetType().Name, change.Consent.Id, change.Kind);
                }
            }
        }
    }

    private static void CheckTarget(string resourceType, Resource resource)
    {
        if (resource.TypeName != resourceType)
            throw FhirOutcomeException.BadRequest($"The body is a {resource.TypeName}, but the URL names {resourceType}.", "Resource.resourceType");
    }
}
