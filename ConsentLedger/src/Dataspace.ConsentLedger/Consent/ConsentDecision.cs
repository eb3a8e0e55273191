using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>The answer for one access request: the outcome, what remains visible, which Consents decided it, and why.</summary>
public sealed record ConsentDecision
{
    /// <summary>Permit, deny, or permit with filters.</summary>
    public required ConsentOutcome Outcome { get; init; }

    /// <summary>The residual filters; <see cref="ConsentFilters.None"/> for a permit and <see cref="ConsentFilters.Nothing"/> for a deny.</summary>
    public required ConsentFilters Filters { get; init; }

    /// <summary>The ids of the Consents the decision rests on; empty when the implicit policy decided.</summary>
    public ImmutableArray<string> ConsentIds { get; init; } = [];

    /// <summary>The base policies (<c>policy.uri</c>) of those Consents, for the PCF access-control-policy list.</summary>
    public ImmutableArray<string> PolicyUris { get; init; } = [];

    /// <summary>The implicit policy that decided, when no Consent was in force.</summary>
    public ImplicitConsentPolicy? ImplicitPolicy { get; init; }

    /// <summary>True when the emergency path overrode a deny or a filter; the caller must log the access as break-glass.</summary>
    public bool BrokeGlass { get; init; }

    /// <summary>A human explanation for operators and auditors: Consent ids, provision paths, codes and organisation references, with patient references masked.</summary>
    public required string Explanation { get; init; }

    /// <summary>True unless the outcome is a deny.</summary>
    public bool IsPermitted => Outcome != ConsentOutcome.Deny;

    /// <summary>True when <paramref name="item"/> may be released under this decision.</summary>
    public bool Allows(DataItem item) => Outcome switch
    {
        ConsentOutcome.Permit => true,
        ConsentOutcome.Deny => false,
        _ => Filters.Allows(item),
    };
}
