using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>A FHIR Consent compiled once into plain immutable values, ready for many decisions.</summary>
public sealed record CompiledConsent
{
    /// <summary>The Consent's logical id; empty when the resource had none.</summary>
    public required string Id { get; init; }

    /// <summary>The patient reference, normalised to <c>Patient/id</c>.</summary>
    public required string Patient { get; init; }

    /// <summary>The Consent status code (draft, proposed, active, rejected, inactive, entered-in-error).</summary>
    public required string Status { get; init; }

    /// <summary>True when the scope is patient-privacy, the only scope the connector enforces.</summary>
    public required bool IsPatientPrivacy { get; init; }

    /// <summary>When the Consent was given (<c>Consent.dateTime</c>), used to order several Consents; null when absent.</summary>
    public DateTimeOffset? DateTime { get; init; }

    /// <summary>The base policies (<c>policy.uri</c>) the Consent agrees or dissents with.</summary>
    public ImmutableArray<string> PolicyUris { get; init; } = [];

    /// <summary>The root provision.</summary>
    public required CompiledProvision Provision { get; init; }

    /// <summary>True when the Consent is active, about patient privacy and its root period holds <paramref name="at"/>.</summary>
    public bool IsInForce(DateTimeOffset at) =>
        Status == "active" && IsPatientPrivacy && (Provision.Period is not { } period || period.Contains(at));
}
