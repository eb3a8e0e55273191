namespace Dataspace.PolicyEngine.Odrl;

/// <summary>The ODRL policy subclasses this engine accepts.</summary>
public enum PolicyType
{
    /// <summary>odrl:Set (also used for a plain odrl:Policy).</summary>
    Set,

    /// <summary>odrl:Offer.</summary>
    Offer,

    /// <summary>odrl:Agreement.</summary>
    Agreement,
}
