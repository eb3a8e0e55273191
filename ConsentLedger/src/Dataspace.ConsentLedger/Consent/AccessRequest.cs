using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>One request for a patient's data, as the consent decision sees it.</summary>
public sealed record AccessRequest
{
    /// <summary>The patient whose data is requested, as a reference (<c>Patient/123</c>).</summary>
    public required string Patient { get; init; }

    /// <summary>
    /// The parties to the request with their roles: the recipient organisation (IRCP), the requesting practitioner (PRCP),
    /// the custodian holding the data (CST). A provision's actor matches when any of these has the same role and reference.
    /// </summary>
    public ImmutableArray<ConsentActor> Actors { get; init; } = [];

    /// <summary>The PurposeOfUse code (ActReason system), such as <c>TREAT</c> or <c>HRESCH</c>.</summary>
    public required string Purpose { get; init; }

    /// <summary>The consentaction code; reading data for a transfer is <c>access</c>.</summary>
    public string Action { get; init; } = ConsentAction.Access;

    /// <summary>The resource types asked for; empty asks for every type.</summary>
    public ImmutableArray<string> ResourceTypes { get; init; } = [];

    /// <summary>Other classes asked for (profile URLs, media types); empty adds no restriction.</summary>
    public ImmutableArray<CodeKey> Classes { get; init; } = [];

    /// <summary>The codes asked for (such as a LOINC vital sign); empty asks for every code.</summary>
    public ImmutableArray<CodeKey> Codes { get; init; } = [];

    /// <summary>The clinical time of the data asked for; null asks for all of it.</summary>
    public TimeRange? DataPeriod { get; init; }

    /// <summary>When the access happens, compared with Consent and provision periods.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The caller invokes the emergency path: an emergency-treatment purpose is permitted despite a deny, and the decision says so.</summary>
    public bool BreakGlass { get; init; }
}
