using Dataspace.Connector.Identity;

namespace Dataspace.Connector.Tests.Identity;

public sealed class DidWebTests
{
    private static readonly string[] NoInsecureHosts = [];

    [Theory]
    [InlineData("http://127.0.0.1:7071", "did:web:127.0.0.1%3A7071")]
    [InlineData("https://hospital.example", "did:web:hospital.example")]
    [InlineData("https://hospital.example:8443/", "did:web:hospital.example%3A8443")]
    public void A_public_url_becomes_a_did(string url, string did) => Assert.Equal(did, DidWeb.FromUrl(new Uri(url)));

    [Theory]
    [InlineData("did:web:127.0.0.1%3A7071", "http://127.0.0.1:7071/.well-known/did.json")]
    [InlineData("did:web:localhost%3A5000", "http://localhost:5000/.well-known/did.json")]
    [InlineData("did:web:hospital.example", "https://hospital.example/.well-known/did.json")]
    [InlineData("did:web:hospital.example:dept:cardiology", "https://hospital.example/dept/cardiology/did.json")]
    public void A_did_names_where_its_document_is_served(string did, string url) =>
        Assert.Equal(url, DidWeb.DocumentUrl(did, NoInsecureHosts).ToString());

    [Fact]
    public void Plain_http_is_used_only_for_loopback_or_named_hosts()
    {
        Assert.Equal("https", DidWeb.DocumentUrl("did:web:connector%3A8080", NoInsecureHosts).Scheme);
        Assert.Equal("http", DidWeb.DocumentUrl("did:web:connector%3A8080", ["connector"]).Scheme);
        Assert.Equal("https", DidWeb.DocumentUrl("did:web:10.0.0.5%3A8080", NoInsecureHosts).Scheme);
    }

    [Theory]
    [InlineData("")]
    [InlineData("did:key:z6Mk")]
    [InlineData("did:web:")]
    [InlineData("did:web:evil.example%2Fpath")]
    [InlineData("did:web:user%40evil.example")]
    [InlineData("did:web:host:..:secret")]
    [InlineData("did:web:host::x")]
    [InlineData("https://hospital.example")]
    public void Unusable_dids_are_refused(string did)
    {
        Assert.False(DidWeb.TryParse(did, NoInsecureHosts, out _, out var error));
        Assert.NotEmpty(error);
        Assert.Throws<DidResolutionException>(() => DidWeb.DocumentUrl(did, NoInsecureHosts));
    }
}
