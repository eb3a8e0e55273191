using System.Security.Cryptography;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Dataspace.Connector.Tests.Support;

/// <summary>A real HTTP server on loopback that serves a DID document badly: too slowly, or claiming another DID.</summary>
public sealed class MisbehavingDidHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MisbehavingDidHost(WebApplication app, ParticipantIdentity identity)
    {
        _app = app;
        Identity = identity;
    }

    /// <summary>The identity whose DID points at this host; tokens signed with its key are well-formed.</summary>
    public ParticipantIdentity Identity { get; }

    /// <summary>How the host misbehaves.</summary>
    public enum Fault
    {
        /// <summary>Never answers until the client gives up.</summary>
        Hangs,

        /// <summary>Answers with a document whose id is another DID.</summary>
        ClaimsAnotherDid,
    }

    /// <summary>Starts the host on a free port.</summary>
    public static async Task<MisbehavingDidHost> StartAsync(Fault fault)
    {
        var url = $"http://127.0.0.1:{LoopbackPorts.Next()}";
        var identity = new ParticipantIdentity(new Uri(url), ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.UseSockets(LoopbackPorts.UseHeldSockets);
        var app = builder.Build();
        app.MapGet("/.well-known/did.json", async (HttpContext context) =>
        {
            if (fault == Fault.Hangs)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
                return Results.Empty;
            }
            return Results.Json(identity.Document with { Id = "did:web:somebody.else" });
        });
        await app.StartAsync();
        return new MisbehavingDidHost(app, identity);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
