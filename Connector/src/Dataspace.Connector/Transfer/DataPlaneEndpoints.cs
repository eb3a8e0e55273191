using Dataspace.Connector.Negotiation;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's FHIR pull data plane, <c>GET /api/dataplane/v1/fhir/{resourceType}?patient=id[,id…][&amp;code=…]</c>
/// with the EDR token as <c>Authorization: Bearer</c>: the token must be live, unexpired and bound to a STARTED
/// transfer; then <see cref="DataRelease"/> runs the rest of the chain and streams NDJSON into the response.
/// </summary>
public static class DataPlaneEndpoints
{
    /// <summary>Maps the data plane below <see cref="TransferActions.DataPlanePath"/>.</summary>
    public static void MapDataPlane(this IEndpointRouteBuilder app) =>
        app.MapGet(TransferActions.DataPlanePath + "/{resourceType}", PullAsync).ExcludeFromDescription();

    private static async Task<IResult> PullAsync(string resourceType, HttpContext context, TransferStore transfers, DataRelease release, TimeProvider time)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= "Bearer ".Length)
            return Error(StatusCodes.Status401Unauthorized, "missing_token", "An EDR token is required as 'Authorization: Bearer'.");
        var transfer = await transfers.FindByTokenHashAsync(EdrToken.Hash(header["Bearer ".Length..].Trim()), context.RequestAborted);
        if (transfer is null || transfer.Role != NegotiationRole.Provider)
            return Error(StatusCodes.Status401Unauthorized, "invalid_token", "The token is unknown or no longer valid.");
        if (transfer.TokenExpiresAt is not { } expires || expires <= time.GetUtcNow())
            return Error(StatusCodes.Status401Unauthorized, "expired_token", "The token has expired; the provider sends a fresh one with a new start message.");
        if (transfer.State != TransferState.Started)
            return Error(StatusCodes.Status403Forbidden, "transfer_not_started", "The transfer is not STARTED.");

        var patients = context.Request.Query["patient"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.StartsWith("Patient/", StringComparison.Ordinal) ? p : "Patient/" + p).Distinct(StringComparer.Ordinal).ToList();
        if (patients.Count is 0 or > DataRelease.MaxPatients)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", $"Give 1 to {DataRelease.MaxPatients} patients as 'patient=id[,id…]'.");
        var filters = context.Request.Query.Where(q => q.Key is not ("patient" or SearchQueryParser.CursorParameter))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        try
        {
            SearchQueryParser.Parse(resourceType, [new("patient", patients[0]), .. filters], lenient: false, 1, 1);
        }
        catch (FhirOutcomeException e)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_search", e.Message);
        }

        var grant = await release.AuthoriseAsync(transfer, context.RequestAborted);
        if (!grant.IsGranted)
            return Error(StatusCodes.Status403Forbidden, grant.Error!, grant.Reason!);
        context.Response.ContentType = "application/fhir+ndjson";
        await release.ReleaseAsync(grant, resourceType, patients, filters, context.Response.Body, context.RequestAborted);
        return Results.Empty;
    }

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { error, message }, statusCode: status);
}
