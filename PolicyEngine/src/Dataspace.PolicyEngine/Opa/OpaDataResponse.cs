using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>The Data API response body: <c>{"result": …}</c>, where a missing result means the document is undefined.</summary>
/// <param name="Result">The document's value; <see cref="JsonValueKind.Undefined"/> when OPA omitted it.</param>
/// <param name="DecisionId">OPA's decision id, present when decision logging is on; kept for correlating audit records.</param>
public sealed record OpaDataResponse(
    [property: JsonPropertyName("result")] JsonElement Result,
    [property: JsonPropertyName("decision_id")] string? DecisionId);
