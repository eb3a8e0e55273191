using System.Globalization;
using Dataspace.Fhir.Consents;
using Dataspace.Fhir.Search;
using Hl7.Fhir.Model;

namespace Dataspace.Fhir.Core;

/// <summary>
/// Executes a transaction Bundle all or nothing in one database transaction: POST (server-assigned id), PUT (by id or
/// conditional), DELETE (by id), with <c>urn:uuid</c> and other fullUrl references rewritten to the ids assigned.
/// Entries run in the order FHIR prescribes (DELETE, POST, PUT); the response lists them in the Bundle's order.
/// </summary>
public sealed class TransactionProcessor(FhirResourceService service)
{
    private sealed class Planned(int index, Bundle.EntryComponent entry, Bundle.HTTPVerb method, string resourceType)
    {
        public int Index { get; } = index;
        public Bundle.EntryComponent Entry { get; } = entry;
        public Bundle.HTTPVerb Method { get; } = method;
        public string ResourceType { get; } = resourceType;
        public string? Id { get; set; }
        public SearchQuery? Condition { get; init; }
        public int? IfMatch { get; init; }
        public Bundle.ResponseComponent? Response { get; set; }
    }

    /// <summary>Runs <paramref name="bundle"/>; throws (and writes nothing) when any entry fails.</summary>
    public async Task<Bundle> ProcessAsync(Bundle bundle, int maxEntries, CancellationToken cancellationToken = default)
    {
        if (bundle.Type == Bundle.BundleType.Batch)
            throw FhirOutcomeException.NotSupported("Batch bundles are not supported; send a transaction.");
        if (bundle.Type != Bundle.BundleType.Transaction)
            throw FhirOutcomeException.BadRequest("Only transaction Bundles can be posted to the base URL.", "Bundle.type");
        if (bundle.Entry.Count > maxEntries)
            throw FhirOutcomeException.TooLarge($"The transaction has {bundle.Entry.Count} entries; at most {maxEntries} are accepted.");

        var plan = bundle.Entry.Select(Plan).ToList();
        var changes = new List<ConsentChange>();
        await using (var transaction = await service.Store.BeginWriteAsync(cancellationToken))
        {
            foreach (var put in plan.Where(p => p.Condition is not null))
                put.Id = await FhirResourceService.ResolveConditionalAsync(transaction, put.Entry.Resource!, put.Condition!, cancellationToken);
            ResolveReferences(plan);

            foreach (var method in (Bundle.HTTPVerb[])[Bundle.HTTPVerb.DELETE, Bundle.HTTPVerb.POST, Bundle.HTTPVerb.PUT])
            {
                foreach (var step in plan.Where(p => p.Method == method))
                    step.Response = await ExecuteAsync(transaction, step, changes, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        await service.NotifyAsync(changes, cancellationToken);

        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse, Id = FhirResourceService.NewId() };
        response.Entry.AddRange(plan.Select(p => new Bundle.EntryComponent { Response = p.Response }));
        return response;
    }

    private static Planned Plan(Bundle.EntryComponent entry, int index)
    {
        var at = $"Bundle.entry[{index}]";
        var request = entry.Request ?? throw FhirOutcomeException.BadRequest("Every transaction entry needs a request.", at + ".request");
        var url = request.Url ?? throw FhirOutcomeException.BadRequest("The entry's request has no url.", at + ".request.url");
        var (path, query) = url.Split('?', 2) is [var p, var q] ? (p, q) : (url, (string?)null);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !SearchParameters.IsResourceType(segments[0]))
            throw FhirOutcomeException.BadRequest($"The entry's request url does not start with a resource type.", at + ".request.url");
        var type = segments[0];
        var resource = entry.Resource;
        if (request.Method is Bundle.HTTPVerb.POST or Bundle.HTTPVerb.PUT)
        {
            if (resource is null)
                throw FhirOutcomeException.BadRequest("A POST or PUT entry needs a resource.", at + ".resource");
            if (resource.TypeName != type)
                throw FhirOutcomeException.BadRequest($"The entry's resource is a {resource.TypeName}, but its url names {type}.", at + ".resource");
        }

        switch (request.Method)
        {
            case Bundle.HTTPVerb.POST when segments.Length == 1 && query is null:
                if (request.IfNoneExist is not null)
                    throw FhirOutcomeException.NotSupported("Conditional create (ifNoneExist) is not supported.");
                return new Planned(index, entry, Bundle.HTTPVerb.POST, type) { Id = FhirResourceService.NewId() };
            case Bundle.HTTPVerb.PUT when segments.Length == 2 && query is null && FhirReference.IsValidId(segments[1]):
                if (resource!.Id is not null && resource.Id != segments[1])
                    throw FhirOutcomeException.BadRequest("The resource's id differs from the id in the entry's url.", at + ".resource.id");
                return new Planned(index, entry, Bundle.HTTPVerb.PUT, type) { Id = segments[1], IfMatch = ParseIfMatch(request.IfMatch, at) };
            case Bundle.HTTPVerb.PUT when segments.Length == 1 && query is not null:
                var parameters = System.Web.HttpUtility.ParseQueryString(query);
                var pairs = parameters.AllKeys.Where(k => k is not null).SelectMany(k => parameters.GetValues(k)!.Select(v => new KeyValuePair<string, string>(k!, v)));
                var condition = SearchQueryParser.Parse(type, pairs, lenient: false, defaultCount: 2, maxCount: 2).Query;
                return new Planned(index, entry, Bundle.HTTPVerb.PUT, type) { Condition = condition };
            case Bundle.HTTPVerb.DELETE when segments.Length == 2 && query is null && FhirReference.IsValidId(segments[1]):
                return new Planned(index, entry, Bundle.HTTPVerb.DELETE, type) { Id = segments[1] };
            default:
                throw FhirOutcomeException.NotSupported($"{request.Method} {url} is not supported in a transaction (supported: POST Type, PUT Type/id, PUT Type?search, DELETE Type/id).");
        }
    }

    private static int? ParseIfMatch(string? ifMatch, string at)
    {
        if (ifMatch is null)
            return null;
        return ETags.TryParseVersion(ifMatch, out var version) ? version
            : throw FhirOutcomeException.BadRequest("ifMatch must be a version ETag such as W/\"3\".", at + ".request.ifMatch");
    }

    private static void ResolveReferences(List<Planned> plan)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in plan)
        {
            var reference = step.ResourceType + "/" + step.Id;
            if (!targets.Add(reference))
                throw FhirOutcomeException.BadRequest($"Two entries of the transaction write the same resource ({step.ResourceType}).", $"Bundle.entry[{step.Index}]");
            if (step.Entry.Resource is { } resource)
                resource.Id = step.Id;
            if (step.Entry.FullUrl is { } fullUrl && !map.TryAdd(fullUrl, reference))
                throw FhirOutcomeException.BadRequest("Two entries of the transaction share a fullUrl.", $"Bundle.entry[{step.Index}].fullUrl");
        }
        foreach (var step in plan)
        {
            if (step.Entry.Resource is not { } resource)
                continue;
            var unresolved = ReferenceRewriter.Rewrite(resource, map);
            if (unresolved.Count > 0)
                throw FhirOutcomeException.BadRequest("A urn reference names no entry of the transaction.", $"Bundle.entry[{step.Index}].resource");
        }
    }

    private static async Task<Bundle.ResponseComponent> ExecuteAsync(IFhirWriteTransaction transaction, Planned step, List<ConsentChange> changes, CancellationToken cancellationToken)
    {
        if (step.Method == Bundle.HTTPVerb.DELETE)
        {
            await FhirResourceService.DeleteAsync(transaction, step.ResourceType, step.Id!, cancellationToken);
            return new Bundle.ResponseComponent { Status = "204 No Content" };
        }
        var current = step.Method == Bundle.HTTPVerb.POST ? null : await transaction.ReadAsync(step.ResourceType, step.Id!, cancellationToken);
        if (step.IfMatch is { } expected && (current is null || current.Deleted || current.VersionId != expected))
            throw FhirOutcomeException.PreconditionFailed($"ifMatch of Bundle.entry[{step.Index}] expects version {expected}.");
        var stored = await FhirResourceService.SaveAsync(transaction, step.Entry.Resource!, current, changes, cancellationToken);
        return new Bundle.ResponseComponent
        {
            Status = current is null || current.Deleted ? "201 Created" : "200 OK",
            Location = $"{stored.Reference}/_history/{stored.VersionId.ToString(CultureInfo.InvariantCulture)}",
            Etag = stored.ETag,
            LastModified = stored.LastUpdated,
        };
    }
}
