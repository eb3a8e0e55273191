using System.Collections.Immutable;

namespace Dataspace.ConsentLedger.Pseudonymisation;

/// <summary>
/// The rules for one resource type: the allowlisted element paths (everything else is dropped), the Reference element that
/// names the patient whose date shift applies, and the allowed elements that are generalised rather than copied.
/// </summary>
public sealed record ResourceProfile(
    string ResourceType,
    ImmutableArray<string> Allow,
    string? Patient,
    ImmutableDictionary<string, Generalisation> Generalise);
