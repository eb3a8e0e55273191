namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The ODRL 2.2 constraint operators.</summary>
public enum Operator
{
    Eq,
    Neq,
    Lt,
    Lteq,
    Gt,
    Gteq,
    IsA,
    HasPart,
    IsPartOf,
    IsAllOf,
    IsAnyOf,
    IsNoneOf,
}
