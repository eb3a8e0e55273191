using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Identity;

/// <summary>Lets a DSP request through only with a valid self-issued token from a dataspace member.</summary>
public sealed class DspAuthenticationMiddleware(RequestDelegate next, ILogger<DspAuthenticationMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context, SelfIssuedTokenValidator validator)
    {
        if (!context.Request.Path.StartsWithSegments(DspPaths.Base))
        {
            await next(context);
            return;
        }

        var check = await validator.CheckAsync(context.Request.Headers.Authorization.ToString(), context.RequestAborted);
        switch (check.Outcome)
        {
            case TokenCheckOutcome.Accepted:
                context.Features.Set(check.Caller);
                await next(context);
                return;
            case TokenCheckOutcome.NotMember:
                // DSP: an unauthorised caller gets 404 so that it cannot learn what exists.
                LogRefused(logger, context.Request.Path, check.Reason);
                await DspError.ForPath(context.Request.Path, StatusCodes.Status404NotFound, "not found").ExecuteAsync(context);
                return;
            default:
                // The reason goes to the operator's log only; the caller learns no more than "unauthorized".
                LogRefused(logger, context.Request.Path, check.Reason);
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await DspError.ForPath(context.Request.Path, StatusCodes.Status401Unauthorized, "unauthorized").ExecuteAsync(context);
                return;
        }
    }

    private static void LogRefused(ILogger logger, PathString path, string reason) =>
        logger.LogInformation("DSP request to {Path} refused: {Reason}", path.Value, reason);
}

/// <summary>Access to the verified caller of the current DSP request.</summary>
public static class VerifiedCallerExtensions
{
    /// <summary>The caller the authentication middleware verified; throws if the endpoint is not behind it.</summary>
    public static VerifiedCaller VerifiedCaller(this HttpContext context) =>
        context.Features.Get<VerifiedCaller>() ?? throw new InvalidOperationException("DSP endpoint reached without authentication.");
}
