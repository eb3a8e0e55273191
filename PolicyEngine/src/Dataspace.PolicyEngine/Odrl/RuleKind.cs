namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The three kinds of ODRL rule.</summary>
public enum RuleKind
{
    Permission,
    Prohibition,
    Duty,
}
