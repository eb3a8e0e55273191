using System.Text;
using Dataspace.Connector.Hosting;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>
/// The consumer's store of pushed data on a real folder: a delivery replaces the previous one whole, and one that is too
/// large or not NDJSON of the agreed type is refused with the previous delivery untouched and no stray file left.
/// </summary>
public sealed class PushInboxTests
{
    private const string Good = """
        {"resourceType":"Observation","id":"a"}
        {"resourceType":"Observation","id":"b"}

        """;

    private readonly ConnectorOptions _options = TestConnectors.Options("inbox");
    private readonly TransferProcess _transfer = new()
    {
        Id = "urn:uuid:" + Guid.NewGuid(), Role = NegotiationRole.Consumer, CounterPartyDid = "did:web:provider.example", AgreementId = "a1",
        Format = TransferFormats.FhirPush,
        Push = new PushTarget { Endpoint = "http://127.0.0.1/api/dataplane/v1/push/x", Selection = new PushSelection("Observation", ["Patient/p"], ""), TokenHash = "00" },
    };

    public PushInboxTests() => _options.Transfer.Push.MaxBytes = 200;

    [Fact]
    public async Task A_delivery_is_stored_and_a_repeat_replaces_it()
    {
        var inbox = new PushInbox(Options.Create(_options));
        var first = await inbox.StoreAsync(_transfer, Body(Good), CancellationToken.None);
        Assert.True(first.IsStored);
        Assert.Equal(2, first.Resources);
        Assert.Equal(Encoding.UTF8.GetByteCount(Good), first.Bytes);

        var again = await inbox.StoreAsync(_transfer, Body("""{"resourceType":"Observation","id":"c"}"""), CancellationToken.None);
        Assert.Equal(1, again.Resources);
        Assert.Equal("""{"resourceType":"Observation","id":"c"}""", await File.ReadAllTextAsync(inbox.Find(_transfer)!.FullName));
        Assert.Single(Directory.GetFiles(inbox.Find(_transfer)!.DirectoryName!));
    }

    [Theory]
    [InlineData("too large", 413, "too_large")]
    [InlineData("{\"resourceType\":\"Observation\",\"id\":\"a\"}\n{not json", 400, "invalid_ndjson")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"a\"}\n", 400, "invalid_ndjson")]
    [InlineData("[{\"resourceType\":\"Observation\"}]\n", 400, "invalid_ndjson")]
    public async Task A_bad_delivery_is_refused_and_the_previous_one_stays(string body, int status, string error)
    {
        var inbox = new PushInbox(Options.Create(_options));
        await inbox.StoreAsync(_transfer, Body(Good), CancellationToken.None);
        var sent = body == "too large" ? Good + Good + Good : body;

        var refused = await inbox.StoreAsync(_transfer, Body(sent), CancellationToken.None);

        Assert.False(refused.IsStored);
        Assert.Equal(status, refused.Status);
        Assert.Equal(error, refused.Error);
        Assert.Equal(Good, await File.ReadAllTextAsync(inbox.Find(_transfer)!.FullName));
        Assert.Single(Directory.GetFiles(inbox.Find(_transfer)!.DirectoryName!));
    }

    [Fact]
    public async Task Nothing_is_found_before_the_first_delivery_and_a_refused_first_delivery_leaves_nothing()
    {
        var inbox = new PushInbox(Options.Create(_options));
        Assert.Null(inbox.Find(_transfer));
        await inbox.StoreAsync(_transfer, Body("{\"resourceType\":\"Patient\"}"), CancellationToken.None);
        Assert.Null(inbox.Find(_transfer));
    }

    private static MemoryStream Body(string text) => new(Encoding.UTF8.GetBytes(text));
}
