using System.Diagnostics;

namespace Dataspace.Connector.Hosting;

/// <summary>
/// One log line per request: method, route, status and time. The route is the endpoint's pattern
/// (<c>/fhir/{type}/{id}</c>), never the path itself, whose segments can name a patient; and never the query string,
/// headers or body, which may carry PHI or tokens.
/// </summary>
public sealed class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (!context.Request.Path.StartsWithSegments("/health"))
                logger.LogInformation("{Method} {Route} -> {Status} in {Elapsed:0.0} ms", context.Request.Method,
                    (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)", context.Response.StatusCode,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
