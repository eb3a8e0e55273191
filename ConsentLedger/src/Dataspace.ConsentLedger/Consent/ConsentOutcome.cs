namespace Dataspace.ConsentLedger.Consent;

/// <summary>The three answers of an IHE PCF consent enforcement point.</summary>
public enum ConsentOutcome
{
    /// <summary>All requested data may flow.</summary>
    Permit,

    /// <summary>No requested data may flow.</summary>
    Deny,

    /// <summary>Some requested data may flow: apply the decision's residual filters to each resource.</summary>
    PermitWithFilters,
}
