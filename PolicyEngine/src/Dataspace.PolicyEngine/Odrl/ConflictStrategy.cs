namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The ODRL conflict term: what wins when a permission and a prohibition are both active.</summary>
public enum ConflictStrategy
{
    /// <summary>odrl:invalid (the ODRL default): a conflict voids the policy, so the request is denied.</summary>
    Invalid,

    /// <summary>odrl:prohibit: prohibitions override permissions.</summary>
    Prohibit,

    /// <summary>odrl:perm: permissions override prohibitions.</summary>
    Perm,
}
