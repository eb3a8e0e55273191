using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Negotiation;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Negotiation;

/// <summary>Every kind of negotiation message this connector sends validates against its DSP 2025-1 JSON Schema.</summary>
public sealed class NegotiationMessageSchemaTests
{
    private const string Provider = "did:web:127.0.0.1%3A7071";
    private const string Consumer = "did:web:127.0.0.1%3A7072";

    /// <summary>A catalog offer as the provider compacts it (a purpose constraint with an IRI right operand, a duty), with its target.</summary>
    private static readonly JsonObject Offer = JsonNode.Parse($$$"""
        {"@id":"{{{OfferId.Create("trends-for-members", "wearable-trends")}}}","@type":"Offer","target":"wearable-trends",
         "permission":[{"action":"use",
           "constraint":[{"leftOperand":"odrl:purpose","operator":"eq","rightOperand":{"@id":"http://terminology.hl7.org/CodeSystem/v3-ActReason#HRESCH"}}],
           "duty":[{"action":"urn:dataspace:policy:pseudonymise"}]}]}
        """)!.AsObject();

    public static TheoryData<string, string> Messages()
    {
        const string p = "urn:uuid:provider", c = "urn:uuid:consumer";
        var agreement = NegotiationMessages.NewAgreement("urn:uuid:agreement", Offer, "wearable-trends", Provider, Consumer, DateTimeOffset.UtcNow);
        return new()
        {
            { "contract-request-message-schema.json", NegotiationMessages.Request(c, null, Offer, "http://127.0.0.1:7072/api/dsp/2025-1").ToJsonString() },
            { "contract-request-message-schema.json", NegotiationMessages.Request(c, p, Offer, null).ToJsonString() },
            { "contract-offer-message-schema.json", NegotiationMessages.Offer(p, null, Offer, "http://127.0.0.1:7071/api/dsp/2025-1").ToJsonString() },
            { "contract-offer-message-schema.json", NegotiationMessages.Offer(p, c, Offer, null).ToJsonString() },
            { "contract-agreement-message-schema.json", NegotiationMessages.Agreement(p, c, agreement).ToJsonString() },
            { "contract-agreement-verification-message-schema.json", NegotiationMessages.Verification(p, c).ToJsonString() },
            { "contract-negotiation-event-message-schema.json", NegotiationMessages.Event(p, c, NegotiationState.Accepted).ToJsonString() },
            { "contract-negotiation-event-message-schema.json", NegotiationMessages.Event(p, c, NegotiationState.Finalized).ToJsonString() },
            { "contract-negotiation-termination-message-schema.json", NegotiationMessages.Termination(p, c, "policy", "denied: purpose not permitted").ToJsonString() },
            { "contract-negotiation-schema.json", NegotiationMessages.Ack(p, c, NegotiationState.Requested).ToJsonString() },
            { "contract-negotiation-error-schema.json", NegotiationMessages.Error(p, c, 400, "not allowed").ToJsonString() },
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Each_message_validates(string schema, string message)
    {
        using var document = JsonDocument.Parse(message);
        Assert.Empty(DspSchemas.Validate("negotiation/" + schema, document.RootElement));
    }

    [Fact]
    public void An_agreement_carries_every_rule_of_the_offer_and_who_agreed_when()
    {
        var agreement = NegotiationMessages.NewAgreement("urn:uuid:a", Offer, "wearable-trends", Provider, Consumer, new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal("Agreement", agreement["@type"]!.GetValue<string>());
        Assert.Equal("2026-11-30T08:00:00Z", agreement["timestamp"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(Offer["permission"], agreement["permission"]));
        Assert.Equal(Provider, agreement["assigner"]!.GetValue<string>());
        Assert.Equal(Consumer, agreement["assignee"]!.GetValue<string>());
    }
}
