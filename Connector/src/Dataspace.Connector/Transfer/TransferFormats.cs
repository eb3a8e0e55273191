namespace Dataspace.Connector.Transfer;

/// <summary>The transfer types (DCAT <c>Distribution.format</c>) this connector serves.</summary>
public static class TransferFormats
{
    /// <summary>HTTP pull of FHIR resources as NDJSON from the provider's data plane, through an EDR.</summary>
    public const string FhirPull = "FHIR-PULL";

    /// <summary>The generic name peers such as EDC and the DSP TCK use for the same HTTP pull.</summary>
    public const string HttpDataPull = "HttpData-PULL";

    /// <summary>True for a format this connector can run.</summary>
    public static bool IsSupported(string format) => IsPull(format);

    /// <summary>True for an HTTP pull format.</summary>
    public static bool IsPull(string format) => format is FhirPull or HttpDataPull;
}
