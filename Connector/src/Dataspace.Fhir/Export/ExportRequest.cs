namespace Dataspace.Fhir.Export;

/// <summary>What a Bulk Data kick-off asked for.</summary>
/// <param name="RequestUrl">The kick-off URL, echoed in the manifest.</param>
/// <param name="Types">Resource types to export; empty for every type present.</param>
/// <param name="Since">Only resources changed after this instant.</param>
/// <param name="PatientCompartment">True for <c>/Patient/$export</c>: only Patients and resources about a patient.</param>
public sealed record ExportRequest(string RequestUrl, IReadOnlyList<string> Types, DateTimeOffset? Since, bool PatientCompartment);
