namespace Dataspace.PolicyEngine.Opa;

/// <summary>What OPA's answer amounted to.</summary>
public enum OpaOutcome
{
    /// <summary>The result was <c>true</c> or <c>{"allow": true}</c>.</summary>
    Allow,

    /// <summary>Any other result: <c>false</c>, <c>{"allow": false}</c>, or a value of the wrong shape.</summary>
    Deny,

    /// <summary>No result: the document is undefined (usually a wrong decision path or a rule with no default).</summary>
    Undefined,

    /// <summary>No usable answer: timeout, an error status (5xx, and 4xx too), connection refused, an unreadable body or an open circuit.</summary>
    Unavailable,
}
