using System.Text.Json;

namespace Dataspace.PolicyEngine.Opa;

/// <summary>OPA's opinion on one request, with an operator-facing detail that never goes to the counterparty.</summary>
public sealed record OpaVerdict(OpaOutcome Outcome, string Detail)
{
    public bool IsAllowed => Outcome == OpaOutcome.Allow;

    /// <summary>A reason safe to send to the counterparty: it says OPA decided, never what the Rego looked at.</summary>
    public string SafeReason => Outcome switch
    {
        OpaOutcome.Allow => "permitted by external policy",
        OpaOutcome.Unavailable => "denied: external policy unavailable",
        _ => "denied by external policy",
    };

    /// <summary>Reads a Data API result. Only <c>true</c> or an object whose <c>allow</c> is <c>true</c> permits.</summary>
    /// <remarks>An object may carry <c>reasons</c> (an array of strings) that explain a deny to the operator.</remarks>
    public static OpaVerdict FromResult(JsonElement result)
    {
        switch (result.ValueKind)
        {
            case JsonValueKind.Undefined:
                return new OpaVerdict(OpaOutcome.Undefined, "OPA returned no result: the decision document is undefined");
            case JsonValueKind.True:
                return new OpaVerdict(OpaOutcome.Allow, "OPA result true");
            case JsonValueKind.Object when result.TryGetProperty("allow", out var allow):
                return allow.ValueKind == JsonValueKind.True
                    ? new OpaVerdict(OpaOutcome.Allow, "OPA result allow: true")
                    : new OpaVerdict(OpaOutcome.Deny, DenyDetail(allow, result));
            case JsonValueKind.Object:
                return new OpaVerdict(OpaOutcome.Deny, "OPA result is an object without allow");
            case JsonValueKind.False:
                return new OpaVerdict(OpaOutcome.Deny, "OPA result false");
            default:
                return new OpaVerdict(OpaOutcome.Deny, $"OPA result is a {result.ValueKind}, not true or {{\"allow\": true}}");
        }
    }

    /// <summary>A verdict for when OPA gave no usable answer.</summary>
    public static OpaVerdict Unavailable(string detail) => new(OpaOutcome.Unavailable, detail);

    private static string DenyDetail(JsonElement allow, JsonElement result)
    {
        var detail = allow.ValueKind == JsonValueKind.False ? "OPA result allow: false" : $"OPA result allow is a {allow.ValueKind}, not true";
        if (result.TryGetProperty("reasons", out var reasons) && reasons.ValueKind == JsonValueKind.Array)
        {
            var texts = reasons.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()).ToList();
            if (texts.Count > 0)
            {
                detail += ": " + string.Join("; ", texts);
            }
        }

        return detail;
    }
}
