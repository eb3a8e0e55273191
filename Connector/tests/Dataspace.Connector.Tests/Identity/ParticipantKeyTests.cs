using Dataspace.Connector.Identity;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Identity;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ParticipantKeyTests
{
    [Fact]
    public void The_key_is_created_once_owner_only_and_reloaded_unchanged()
    {
        var folder = TestPaths.NewTempFolder();
        using var created = ParticipantKey.LoadOrCreate(folder);
        var path = Path.Combine(folder, ParticipantKey.FileName);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));

        using var reloaded = ParticipantKey.LoadOrCreate(folder);
        Assert.Equal(created.ExportSubjectPublicKeyInfo(), reloaded.ExportSubjectPublicKeyInfo());
        Assert.Equal(256, reloaded.KeySize);
    }

    [Fact]
    public void A_key_file_readable_by_others_is_tightened_on_load()
    {
        var folder = TestPaths.NewTempFolder();
        using (ParticipantKey.LoadOrCreate(folder)) { }
        var path = Path.Combine(folder, ParticipantKey.FileName);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        using (ParticipantKey.LoadOrCreate(folder)) { }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void The_did_document_publishes_the_public_key_and_the_dsp_services()
    {
        using var key = ParticipantKey.LoadOrCreate(TestPaths.NewTempFolder());
        var identity = new ParticipantIdentity(new Uri("http://127.0.0.1:7071"), key);
        var document = identity.Document;
        Assert.Equal("did:web:127.0.0.1%3A7071", document.Id);
        var method = Assert.Single(document.VerificationMethod);
        Assert.Equal(identity.KeyId, method.Id);
        Assert.Equal(("EC", "P-256"), (method.PublicKeyJwk!.Kty, method.PublicKeyJwk.Crv));
        Assert.True(document.MaySignRequests(method));
        Assert.Equal("http://127.0.0.1:7071/.well-known/dspace-version", document.ServiceEndpoint("DataService"));
        Assert.Equal("http://127.0.0.1:7071/api/dsp/2025-1/catalog", document.ServiceEndpoint("CatalogService"));
        Assert.Same(method, document.FindKey("#key-1"));
        Assert.Same(method, document.FindKey(null));
        Assert.Null(document.FindKey("#other"));
    }
}
