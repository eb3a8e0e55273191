using System.Text.Json;
using Dataspace.Connector.Tests.Support;
using Dataspace.Connector.Transfer;

namespace Dataspace.Connector.Tests.Transfer;

/// <summary>Every kind of transfer process message this connector sends or answers validates against its DSP 2025-1 JSON Schema.</summary>
public sealed class TransferMessageSchemaTests
{
    public static TheoryData<string, string> Messages()
    {
        const string p = "urn:uuid:provider", c = "urn:uuid:consumer", callback = "http://127.0.0.1:7072/api/dsp/2025-1";
        var edr = new IssuedEdr("access-token", "refresh-token", TimeSpan.FromMinutes(5));
        var pull = DataAddress.Pull(new Uri("http://127.0.0.1:7071/api/dataplane/v1/fhir"), edr, new Uri("http://127.0.0.1:7071/api/dataplane/v1/token"), "did:web:127.0.0.1%3A7071");
        var selection = PushSelection.Create("Observation", ["Patient/anna", "Patient/bruno"], "code=http://loinc.org|8867-4", out _)!;
        var push = PushAddress.Build(new Uri("http://127.0.0.1:7072/api/dataplane/v1/push/" + c), "push-token", selection);
        return new()
        {
            { "transfer-request-message-schema.json", TransferMessages.Request(c, "urn:uuid:agreement", TransferFormats.FhirPull, callback).ToJsonString() },
            { "transfer-request-message-schema.json", TransferMessages.Request(c, "urn:uuid:agreement", TransferFormats.FhirPush, callback, push).ToJsonString() },
            { "transfer-start-message-schema.json", TransferMessages.Start(p, c, pull).ToJsonString() },
            { "transfer-start-message-schema.json", TransferMessages.Start(p, c, DataAddress.Refreshed(pull, "access-2", "refresh-2", 300)).ToJsonString() },
            { "transfer-start-message-schema.json", TransferMessages.Start(p, c, null).ToJsonString() },
            { "transfer-completion-message-schema.json", TransferMessages.Completion(p, c).ToJsonString() },
            { "transfer-suspension-message-schema.json", TransferMessages.Stop("TransferSuspensionMessage", p, c, "suspend by the consumer").ToJsonString() },
            { "transfer-termination-message-schema.json", TransferMessages.Stop("TransferTerminationMessage", p, c, "denied: use count not permitted").ToJsonString() },
            { "transfer-process-schema.json", TransferMessages.Ack(p, c, TransferState.Suspended).ToJsonString() },
            { "transfer-error-schema.json", TransferMessages.Error(p, c, 400, "not allowed").ToJsonString() },
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_validates(string schema, string message)
    {
        using var document = JsonDocument.Parse(message);
        Assert.Empty(DspSchemas.Validate("transfer/" + schema, document.RootElement));
    }

    [Fact]
    public void A_message_missing_its_pids_does_not_validate()
    {
        var broken = TransferMessages.Completion("urn:uuid:provider", "urn:uuid:consumer");
        broken.Remove("consumerPid");
        using var document = JsonDocument.Parse(broken.ToJsonString());
        Assert.NotEmpty(DspSchemas.Validate("transfer/transfer-completion-message-schema.json", document.RootElement));
    }
}
