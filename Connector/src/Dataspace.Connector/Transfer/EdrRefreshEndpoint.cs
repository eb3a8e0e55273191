using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// The provider's token endpoint, <c>POST /api/dataplane/v1/token</c>: an RFC 6749 §6 refresh
/// (<c>application/x-www-form-urlencoded</c>, <c>grant_type=refresh_token&amp;refresh_token=…</c>) authenticated by the
/// consumer's self-issued DSP ID token as <c>Authorization: Bearer</c> (audience: this provider's DID). Answers are
/// RFC 6749 §5.1 JSON (<c>access_token</c>, <c>token_type</c>, <c>expires_in</c>, <c>refresh_token</c>) or §5.2 errors.
/// </summary>
public static class EdrRefreshEndpoint
{
    /// <summary>Where the token endpoint is served, below the public URL.</summary>
    public const string Path = "/api/dataplane/v1/token";

    private const int MaxFormFields = 8;

    /// <summary>Maps the token endpoint.</summary>
    public static void MapEdrRefresh(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, RefreshAsync).ExcludeFromDescription().DisableAntiforgery();

    private static async Task<IResult> RefreshAsync(HttpContext context, SelfIssuedTokenValidator validator, EdrRefreshService refresh)
    {
        // RFC 6749 §5.1: token answers, good or bad, must not be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        if (!context.Request.HasFormContentType)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Send the refresh as application/x-www-form-urlencoded.");
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions { ValueCountLimit = MaxFormFields }, context.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "The form could not be read.");
        }
        if (form.Files.Count > 0 || form.Any(f => f.Value.Count != 1))
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "Each parameter must appear exactly once, and no files.");
        if (form["grant_type"].ToString() is not { Length: > 0 } grantType)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "'grant_type' is required.");
        if (grantType != "refresh_token")
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type", "Only grant_type=refresh_token is supported here.");
        if (form["refresh_token"].ToString() is not { Length: > 0 } refreshToken)
            return Error(StatusCodes.Status400BadRequest, "invalid_request", "'refresh_token' is required.");

        // The refresh token alone would let whoever copied it mint data-plane tokens; the consumer's key must sign too.
        var check = await validator.CheckAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted);
        if (check.Outcome != TokenCheckOutcome.Accepted)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client", "A self-issued ID token of the transfer's consumer is required as 'Authorization: Bearer'.");
        }

        var outcome = await refresh.RefreshAsync(refreshToken, check.Caller!.Did, context.RequestAborted);
        if (outcome.Edr is not { } edr)
            return Error(outcome.Error == "temporarily_unavailable" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status400BadRequest, outcome.Error!, outcome.Description!);
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = edr.AccessToken,
            ["token_type"] = "Bearer",
            ["expires_in"] = (long)edr.Lifetime.TotalSeconds,
            ["refresh_token"] = edr.RefreshToken,
        });
    }

    private static IResult Error(int status, string error, string description) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);
}
