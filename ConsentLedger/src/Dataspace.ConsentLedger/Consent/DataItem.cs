using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Consent;

/// <summary>What the enforcement point knows about one resource when it applies a decision's residual filters.</summary>
/// <remarks>References are compared as given, so pass them in the <c>Type/id</c> form of <see cref="FhirReference.Normalize"/>.</remarks>
public sealed record DataItem
{
    /// <summary>The resource type, such as <c>Observation</c>.</summary>
    public required string ResourceType { get; init; }

    /// <summary>The resource's own reference, <c>Type/id</c>.</summary>
    public required string Reference { get; init; }

    /// <summary>Other classes of the resource: its profiles or the media type of its content.</summary>
    public ImmutableArray<CodeKey> Classes { get; init; } = [];

    /// <summary>Codings of the resource's main code (for an Observation, <c>Observation.code</c>).</summary>
    public ImmutableArray<CodeKey> Codes { get; init; } = [];

    /// <summary>The clinical time of the data (effective, issued or recorded date); null when the resource has none.</summary>
    public DateTimeOffset? Date { get; init; }

    /// <summary>References this resource makes (<c>basedOn</c>, <c>encounter</c>, <c>partOf</c> …), for the <c>dependents</c> meaning.</summary>
    public ImmutableArray<string> RefersTo { get; init; } = [];

    /// <summary>Resources known to refer to this one, for the <c>related</c> meaning.</summary>
    public ImmutableArray<string> ReferredToBy { get; init; } = [];

    /// <summary>The authors or performers of the resource, for the <c>authoredby</c> meaning.</summary>
    public ImmutableArray<string> Authors { get; init; } = [];

    /// <summary>The resource's <c>meta.security</c> labels.</summary>
    public ImmutableArray<CodeKey> SecurityLabels { get; init; } = [];
}
