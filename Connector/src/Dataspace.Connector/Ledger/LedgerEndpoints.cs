using System.Text.Json;
using Dataspace.ConsentLedger.Ledger;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Management;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Ledger;

/// <summary>
/// The read-only RFC 9162 ledger API, open to anyone: entries hold ids, DIDs, hashes, counts and keyed pseudonyms, never
/// PHI, and a regulator or patient must be able to check the log without an account. Only cosignatures are written here,
/// by members with a self-issued token; operators start witnessing through the management API.
/// </summary>
public static class LedgerEndpoints
{
    /// <summary>The most entries one <c>GET /entries</c> returns; a longer range is cut short, as in RFC 6962 get-entries.</summary>
    public const int MaxEntriesPage = 1000;

    /// <summary>Maps <c>/api/ledger/v1/…</c>, <c>POST /api/management/v1/ledger/witness</c> and the patient access report.</summary>
    public static void MapLedger(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup(LedgerClient.BasePath).WithTags("ledger");
        ledger.MapGet("/sth", GetTreeHeadAsync);
        ledger.MapGet("/entries", GetEntriesAsync);
        ledger.MapGet("/proof/inclusion", GetInclusionProofAsync);
        ledger.MapGet("/proof/consistency", GetConsistencyProofAsync);
        ledger.MapPost("/cosignatures", PostCosignatureAsync);

        app.MapGroup(ParticipantEndpoints.Base + "/ledger").AddEndpointFilter<ApiKeyFilter>().WithGroupName("management").WithTags("ledger")
            .MapPost("/witness", WitnessAsync)
            .WithSummary("Witness peers' ledgers now: all of Ledger:WitnessPeers, or the member named by an optional {\"did\"} body.")
            .Produces<IReadOnlyList<WitnessOutcome>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapAccessReport();
    }

    private static async Task<IResult> GetTreeHeadAsync(HttpRequest request, LedgerStore store, LedgerService ledger, CancellationToken cancellationToken)
    {
        if (!LedgerQuery.TryRead(request, "tree_size", out var treeSize, out var error))
        {
            return error!;
        }

        var treeHead = treeSize is { } size
            ? await store.TreeHeadAsync(size, cancellationToken)
            : await store.LatestTreeHeadAsync(cancellationToken) ?? await ledger.PublishAsync(cancellationToken);
        if (treeHead is null)
        {
            return Problems.NotFound("The ledger signed no tree head of that size.");
        }

        return Results.Ok(TreeHeadJson.From(treeHead, await store.CosignaturesAsync(treeHead.TreeSize, cancellationToken)));
    }

    private static async Task<IResult> GetEntriesAsync(HttpRequest request, LedgerStore store, CancellationToken cancellationToken)
    {
        if (!LedgerQuery.TryRead(request, "start", out var start, out var error) || !LedgerQuery.TryRead(request, "end", out var end, out error))
        {
            return error!;
        }

        if (start is null)
        {
            return Problems.BadRequest("'start' is required.");
        }

        var size = await CommittedSizeAsync(store, cancellationToken);
        var last = end ?? start.Value + MaxEntriesPage - 1;
        if (last < start)
        {
            return Problems.BadRequest("'end' must not be below 'start'.");
        }

        if (start >= size)
        {
            return Problems.BadRequest($"'start' must be below the tree size, {size}.");
        }

        last = Math.Min(Math.Min(last, size - 1), start.Value + MaxEntriesPage - 1);
        var entries = await store.EntriesAsync(start.Value, last, cancellationToken);
        return Results.Ok(entries.Select(e => new EntryJson(e.Index, e.Entry, e.LeafHash?.ToBase64())));
    }

    private static async Task<IResult> GetInclusionProofAsync(HttpRequest request, LedgerStore store, LedgerTree tree, CancellationToken cancellationToken)
    {
        if (!LedgerQuery.TryRead(request, "index", out var index, out var error) || !LedgerQuery.TryRead(request, "tree_size", out var treeSize, out error))
        {
            return error!;
        }

        if (index is null)
        {
            return Problems.BadRequest("'index' is required.");
        }

        var size = await CommittedSizeAsync(store, cancellationToken);
        var proofSize = treeSize ?? size;
        if (proofSize > size)
        {
            return Problems.BadRequest($"'tree_size' must not exceed the signed tree size, {size}.");
        }

        if (index >= proofSize)
        {
            return Problems.BadRequest($"'index' must be below the tree size, {proofSize}.");
        }

        return Results.Ok(InclusionProofJson.From(await tree.InclusionProofAsync(index.Value, proofSize, cancellationToken)));
    }

    private static async Task<IResult> GetConsistencyProofAsync(HttpRequest request, LedgerStore store, LedgerTree tree, CancellationToken cancellationToken)
    {
        if (!LedgerQuery.TryRead(request, "first", out var first, out var error) || !LedgerQuery.TryRead(request, "second", out var second, out error))
        {
            return error!;
        }

        if (first is null)
        {
            return Problems.BadRequest("'first' is required.");
        }

        var size = await CommittedSizeAsync(store, cancellationToken);
        var secondSize = second ?? size;
        if (first == 0)
        {
            return Problems.BadRequest("'first' must be at least 1: the empty tree commits to nothing.");
        }

        if (first > secondSize)
        {
            return Problems.BadRequest("'first' must not exceed 'second'.");
        }

        if (secondSize > size)
        {
            return Problems.BadRequest($"'second' must not exceed the signed tree size, {size}.");
        }

        return Results.Ok(ConsistencyProofJson.From(await tree.ConsistencyProofAsync(first.Value, secondSize, cancellationToken)));
    }

    // Readers see only what a signed tree head covers, so every proof and page is against a committed tree.
    private static async Task<long> CommittedSizeAsync(LedgerStore store, CancellationToken cancellationToken) =>
        (await store.LatestTreeHeadAsync(cancellationToken))?.TreeSize ?? 0;

    private static async Task<IResult> PostCosignatureAsync(
        HttpContext context, SelfIssuedTokenValidator validator, DidResolver resolver, LedgerStore store, IOptions<ConnectorOptions> options, ILoggerFactory loggers)
    {
        var check = await validator.CheckAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted);
        if (check.Outcome != TokenCheckOutcome.Accepted)
        {
            loggers.CreateLogger(typeof(LedgerEndpoints)).LogInformation("Cosignature refused: {Reason}", check.Reason);
            return check.Outcome == TokenCheckOutcome.NotMember
                ? Problems.Forbidden("Only dataspace members witness this ledger.")
                : Problems.Unauthorized();
        }

        var witness = check.Caller!.Did;
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
        {
            return Problems.Body(body);
        }

        var root = body.Document.RootElement;
        if (!root.TryGetProperty("tree_size", out var sizeElement) || !sizeElement.TryGetInt64(out var treeSize) || treeSize < 0
            || !root.TryGetProperty("signature", out var signatureElement) || signatureElement.ValueKind != JsonValueKind.String)
        {
            return Problems.BadRequest("The body must be {\"tree_size\": non-negative integer, \"signature\": compact JWS}.");
        }

        var treeHead = await store.TreeHeadAsync(treeSize, context.RequestAborted);
        if (treeHead is null)
        {
            return Problems.NotFound("The ledger signed no tree head of that size.");
        }

        var cosignature = new Cosignature(witness, signatureElement.GetString()!);
        var keyId = JwsKeyId.Read(cosignature.Signature);
        using var key = await DidKeys.ResolveAsync(resolver, witness, keyId, context.RequestAborted);
        if (key is null || !cosignature.Verify(treeHead, key, keyId!))
        {
            return Problems.BadRequest("The cosignature does not verify with a key of the witness's DID over this tree head.");
        }

        await store.AddCosignatureAsync(treeSize, cosignature, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> WitnessAsync(HttpContext context, LedgerWitness witness, Membership membership, IOptions<ConnectorOptions> options)
    {
        if (context.Request.ContentLength is null or 0)
        {
            return Results.Ok(await witness.WitnessAllAsync(context.RequestAborted));
        }

        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
        {
            return Problems.Body(body);
        }

        if (!body.Document.RootElement.TryGetProperty("did", out var did) || did.ValueKind != JsonValueKind.String)
        {
            return Problems.BadRequest("'did' must be a string when a body is given.");
        }

        return membership.IsMember(did.GetString()!)
            ? Results.Ok(new[] { await witness.WitnessAsync(did.GetString()!, context.RequestAborted) })
            : Problems.NotFound("No member with that DID.");
    }
}
