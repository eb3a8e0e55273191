using System.Diagnostics;

namespace Dataspace.Connector.Hosting;

/// <summary>One log line per request: method, path, status and time. Never the query string, headers or body, which may carry PHI or tokens.</summary>
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
                logger.LogInformation("{Method} {Path} -> {Status} in {Elapsed:0.0} ms", context.Request.Method, context.Request.Path.Value,
                    context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }
}
