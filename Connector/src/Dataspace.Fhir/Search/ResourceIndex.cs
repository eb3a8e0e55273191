namespace Dataspace.Fhir.Search;

/// <summary>Everything the store indexes about one resource version so that search never parses stored JSON.</summary>
/// <param name="Tokens">code, category, status, identifier values.</param>
/// <param name="Dates">date values.</param>
/// <param name="References">subject and patient references.</param>
/// <param name="PatientId">The patient whose compartment holds the resource (the Patient itself for a Patient), or null.</param>
/// <param name="SortDate">Start of the first <c>date</c> value, the key of <c>_sort=date</c>; <see cref="FhirDateRange.Min"/> when there is none.</param>
public sealed record ResourceIndex(
    IReadOnlyList<TokenEntry> Tokens,
    IReadOnlyList<DateEntry> Dates,
    IReadOnlyList<ReferenceEntry> References,
    string? PatientId,
    long SortDate);
