namespace Dataspace.Fhir.Api;

/// <summary>Media types the facade speaks.</summary>
public static class FhirMediaTypes
{
    /// <summary>FHIR JSON, the only format served.</summary>
    public const string Json = "application/fhir+json; charset=utf-8";

    /// <summary>Bulk Data files.</summary>
    public const string NdJson = "application/fhir+ndjson";
}
