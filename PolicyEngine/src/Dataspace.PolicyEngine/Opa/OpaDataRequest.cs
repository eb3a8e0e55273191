using System.Text.Json.Serialization;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>The Data API request body: <c>{"input": …}</c>.</summary>
public sealed record OpaDataRequest([property: JsonPropertyName("input")] OpaInput Input);
