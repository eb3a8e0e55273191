using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Dataspace.PolicyEngine.Tests.Opa;

/// <summary>A real Kestrel server on loopback that speaks the OPA Data API contract: <c>POST /v1/data/{path}</c> with <c>{"input": …}</c>.</summary>
internal sealed class InTestOpaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _hits;

    private InTestOpaServer(WebApplication app) => _app = app;

    /// <summary>How the fake OPA answers: given the data path and the input, write the response.</summary>
    public Func<HttpContext, string, JsonElement, Task> Answer { get; set; } = (context, _, _) => WriteAsync(context, """{"result": true}""");

    public Uri BaseAddress { get; private set; } = null!;

    public int Hits => Volatile.Read(ref _hits);

    public string? LastPath { get; private set; }

    public string? LastRawTarget { get; private set; }

    public JsonElement LastInput { get; private set; }

    public static async Task<InTestOpaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new InTestOpaServer(builder.Build());
        server._app.MapPost("/v1/data/{**path}", server.HandleAsync);
        await server._app.StartAsync();
        var address = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    public static Task WriteAsync(HttpContext context, string json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        Interlocked.Increment(ref _hits);
        LastPath = path;
        LastRawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        LastInput = body.RootElement.GetProperty("input").Clone();
        await Answer(context, path, LastInput);
    }
}
