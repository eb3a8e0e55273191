namespace Dataspace.PolicyEngine.Lint;

/// <summary>How much a lint finding matters.</summary>
public enum LintSeverity
{
    /// <summary>Worth knowing; the policy behaves as written.</summary>
    Info,

    /// <summary>Probably not what the author meant, or a rule that can never take effect.</summary>
    Warning,

    /// <summary>The policy must not be offered as is: it denies what it seems to grant, or offers health data unsafely.</summary>
    Error,
}
