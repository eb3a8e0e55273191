namespace Dataspace.Fhir.Core;

/// <summary>Which resources <see cref="IFhirStore.StreamAsync"/> yields.</summary>
/// <param name="Since">Only resources last updated after this instant (Bulk Data <c>_since</c>).</param>
/// <param name="Until">Only resources last updated at or before this instant (the export's transaction time).</param>
/// <param name="PatientCompartmentOnly">Only Patients and resources that reference a patient.</param>
public sealed record StreamFilter(DateTimeOffset? Since = null, DateTimeOffset? Until = null, bool PatientCompartmentOnly = false)
{
    /// <summary>Everything.</summary>
    public static StreamFilter None { get; } = new();
}
