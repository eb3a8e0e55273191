namespace Dataspace.PolicyEngine.Evaluation;

/// <summary>The outcome of a policy decision.</summary>
public enum Effect
{
    Deny,
    Permit,
}
