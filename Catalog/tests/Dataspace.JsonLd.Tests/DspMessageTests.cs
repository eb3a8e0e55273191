using System.Text.Json.Nodes;
using Dataspace.JsonLd.Tests.Conformance;

namespace Dataspace.JsonLd.Tests;

/// <summary>Dataspace Protocol 2025-1 messages processed with the bundled DSP context (no network, no test-data files).</summary>
public sealed class DspMessageTests
{
    private const string Dspace = "https://w3id.org/dspace/2025/1/";
    private const string Odrl = "http://www.w3.org/ns/odrl/2/";

    // The ContractRequestMessage example of the DSP 2025-1 specification.
    private const string ContractRequestMessage = """
        {
          "@context": ["https://w3id.org/dspace/2025/1/context.jsonld"],
          "@type": "ContractRequestMessage",
          "providerPid": "urn:uuid:a343fcbf-99fc-4ce8-8e9b-148c97605aab",
          "consumerPid": "urn:uuid:32541fe6-c580-409e-85a8-8a9a32fbe833",
          "offer": {
            "@type": "Offer",
            "@id": "urn:uuid:d526561f-528e-4d5a-ae12-9a9dd9b7a815",
            "target": "urn:uuid:3dd1add8-4d2d-569e-d634-8394a8836a88",
            "permission": [
              {
                "action": "use",
                "constraint": [
                  { "leftOperand": "dateTime", "operator": "lteq", "rightOperand": "2023-12-31T06:00Z" }
                ]
              }
            ]
          }
        }
        """;

    [Fact]
    public void Contract_request_message_expands_to_full_dspace_iris()
    {
        var expanded = JsonLdProcessor.Expand(JsonNode.Parse(ContractRequestMessage));

        var message = Assert.IsType<JsonObject>(Assert.Single(expanded));
        Assert.Equal(Dspace + "ContractRequestMessage", message["@type"]![0]!.GetValue<string>());
        Assert.Equal("urn:uuid:32541fe6-c580-409e-85a8-8a9a32fbe833", message[Dspace + "consumerPid"]![0]!["@id"]!.GetValue<string>());
        Assert.Equal("urn:uuid:a343fcbf-99fc-4ce8-8e9b-148c97605aab", message[Dspace + "providerPid"]![0]!["@id"]!.GetValue<string>());

        var offer = message[Dspace + "offer"]![0]!;
        Assert.Equal("urn:uuid:d526561f-528e-4d5a-ae12-9a9dd9b7a815", offer["@id"]!.GetValue<string>());
        Assert.Equal(Odrl + "Offer", offer["@type"]![0]!.GetValue<string>());
        var permission = offer[Odrl + "permission"]![0]!;
        Assert.Equal(Odrl + "use", permission[Odrl + "action"]![0]!["@id"]!.GetValue<string>());
        var constraint = permission[Odrl + "constraint"]![0]!;
        Assert.Equal(Odrl + "lteq", constraint[Odrl + "operator"]![0]!["@id"]!.GetValue<string>());
    }

    [Fact]
    public void Contract_request_message_round_trips_through_compaction_with_the_dsp_context()
    {
        var original = JsonNode.Parse(ContractRequestMessage)!;
        var context = JsonNode.Parse("""{"@context": ["https://w3id.org/dspace/2025/1/context.jsonld"]}""");

        var compacted = JsonLdProcessor.Compact(JsonLdProcessor.Expand(original), context);

        Assert.True(
            JsonLdComparison.AreEquivalent(JsonLdProcessor.Expand(original), JsonLdProcessor.Expand(compacted)),
            $"re-expansion differs: {compacted.ToJsonString()}");
        Assert.Equal("ContractRequestMessage", compacted["@type"]!.GetValue<string>());
        Assert.Equal("urn:uuid:32541fe6-c580-409e-85a8-8a9a32fbe833", compacted["consumerPid"]!.GetValue<string>());
        Assert.Equal("Offer", compacted["offer"]!["@type"]!.GetValue<string>());
    }

    [Fact]
    public void Contract_request_message_converts_to_rdf()
    {
        var nquads = JsonLdProcessor.ToRdf(JsonNode.Parse(ContractRequestMessage));

        Assert.Contains($"<{Dspace}consumerPid> <urn:uuid:32541fe6-c580-409e-85a8-8a9a32fbe833> .", nquads, StringComparison.Ordinal);
        Assert.Contains($"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{Dspace}ContractRequestMessage> .", nquads, StringComparison.Ordinal);
    }
}
