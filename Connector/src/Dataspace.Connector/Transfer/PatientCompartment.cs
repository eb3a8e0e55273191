namespace Dataspace.Connector.Transfer;

/// <summary>
/// The search criterion that selects one patient's resources of a type: <c>patient=Patient/id</c>, except for the
/// Patient resource itself, which FHIR R4 gives no <c>patient</c> parameter and is found by <c>_id</c>.
/// </summary>
public static class PatientCompartment
{
    /// <summary>The criterion for <paramref name="patient"/> (<c>Patient/id</c>) among <paramref name="resourceType"/> resources.</summary>
    public static KeyValuePair<string, string> Criterion(string resourceType, string patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return resourceType == "Patient"
            ? new("_id", patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient)
            : new("patient", patient);
    }
}
