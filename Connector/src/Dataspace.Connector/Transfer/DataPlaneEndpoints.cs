using Dataspace.Connector.Negotiation;
using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's FHIR pull data plane, <c>GET /api/dataplane/v1/fhir/{resourceType}?patient=id[,id…][&amp;code=…]</c>
/// with the EDR token as <c>Authorization: Bearer</c>: the token must be live, unexpired and bound to a STARTED
/// transfer; then <see cref="DataRelease"/> runs the rest of the chain and streams NDJSON into the response. An
/// <c>X-Break-Glass: {reason code}</c> header declares an emergency access (see <see cref="BreakGlassHeader"/>), which
/// the operator's log always shows. Beside it, <see cref="EdrRefreshEndpoint"/> refreshes the tokens.
/// </summary>
public static partial class DataPlaneEndpoints
{
    /// <summary>
    /// The header declaring break-glass; its value is a reason code (lowercase letters, digits and '-', at most 40, e.g.
    /// <c>cardiac-arrest</c>), never free text, since it is logged.
    /// </summary>
    public const string BreakGlassHeader = "X-Break-Glass";

    /// <summary>Maps the data plane below <see cref="TransferActions.DataPlanePath"/> and the token endpoint.</summary>
    public static void MapDataPlane(this IEndpointRouteBuilder app)
    {
        // Loaded now rather than at the first pull, so a profile file broken since validation still stops the start.
        _ = app.ServiceProvider.GetRequiredService<PseudonymisationProfiles>();
        app.MapGet(TransferActions.DataPlanePath + "/{resourceType}", PullAsync).ExcludeFromDescription();
        app.MapEdrRefresh();
    }

    private static async Task<IResult> PullAsync(
        string resourceType, HttpContext context, TransferStore transfers, DataRelease release, TimeProvider time, ILogger<DataRelease> logger)
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
        // Checked before anything is authorised or written: a bad id must not surface half way through a stream.
        if (!patients.All(p => FhirReference.IsValidId(p["Patient/".Length..])))
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Each patient is a FHIR id: 1 to 64 letters, digits, '-' or '.'.");
        string? breakGlass = null;
        if (context.Request.Headers.TryGetValue(BreakGlassHeader, out var declared))
        {
            if (declared.Count != 1 || !ReasonCode().IsMatch(declared.ToString()))
                return Error(StatusCodes.Status400BadRequest, "invalid_request",
                    $"'{BreakGlassHeader}' takes one reason code: lowercase letters, digits and '-', at most 40 characters (e.g. cardiac-arrest).");
            breakGlass = declared.ToString();
        }
        var filters = context.Request.Query.Where(q => q.Key is not ("patient" or SearchQueryParser.CursorParameter))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToList();
        try
        {
            SearchQueryParser.Parse(resourceType, [PatientCompartment.Criterion(resourceType, patients[0]), .. filters], lenient: false, 1, 1);
        }
        catch (FhirOutcomeException e)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_search", e.Message);
        }

        var grant = await release.AuthoriseAsync(transfer, resourceType, breakGlass, context.RequestAborted);
        if (!grant.IsGranted)
        {
            if (breakGlass is not null)
                logger.LogWarning("Break-glass REFUSED ({Error}) under agreement {AgreementId} for {ConsumerDid}, reason {Reason}, {Patients} patient(s) named",
                    grant.Error, transfer.AgreementId, transfer.CounterPartyDid, breakGlass, patients.Count);
            return Error(StatusCodes.Status403Forbidden, grant.Error!, grant.Reason!);
        }
        context.Response.ContentType = "application/fhir+ndjson";
        ReleaseSummary? summary = null;
        try
        {
            summary = await release.ReleaseAsync(grant, resourceType, patients, filters, context.Response.Body, context.RequestAborted);
        }
        finally
        {
            // Logged even when the stream breaks off: the operator must see every emergency access, not just the finished ones.
            if (grant.BreakGlass)
                logger.LogWarning("BREAK-GLASS access under agreement {AgreementId} by {ConsumerDid}, reason {Reason}: {Resources} {ResourceType} resource(s) of {Permitted} of {Patients} patient(s){Outcome}",
                    grant.Agreement!.Id, grant.ConsumerDid, grant.BreakGlassReason, summary?.Resources ?? 0, resourceType, summary?.PermittedPatients ?? 0, patients.Count,
                    summary is null ? " (interrupted)" : "");
        }
        return Results.Empty;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,39}\z")]
    private static partial System.Text.RegularExpressions.Regex ReasonCode();

    private static IResult Error(int status, string error, string message) =>
        Results.Json(new { error, message }, statusCode: status);
}
