using Dataspace.Connector.Identity;
using Dataspace.Connector.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Dataspace.Connector.Tests.Identity;

public sealed class DidResolverTests
{
    [Fact]
    public async Task A_resolved_document_is_cached_across_requests_so_a_peer_outage_does_not_break_verification_at_once()
    {
        await using var resolverHost = await TestConnectors.StartAsync(TestConnectors.Options("resolver"));
        var peer = await TestConnectors.StartAsync(TestConnectors.Options("peer"));
        var did = peer.Identity.Did;
        var first = await resolverHost.Services.GetRequiredService<DidResolver>().ResolveAsync(did);
        await peer.DisposeAsync();

        // A fresh lookup through the container must hit the same cache: the resolver is a singleton.
        var second = await resolverHost.Services.GetRequiredService<DidResolver>().ResolveAsync(did);
        Assert.Equal(first.VerificationMethod[0].PublicKeyJwk, second.VerificationMethod[0].PublicKeyJwk);
        await Assert.ThrowsAsync<DidResolutionException>(() =>
            resolverHost.Services.GetRequiredService<DidResolver>().ResolveAsync("did:web:127.0.0.1%3A1"));
    }
}
