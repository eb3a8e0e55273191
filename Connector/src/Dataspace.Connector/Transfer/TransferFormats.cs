namespace Dataspace.Connector.Transfer;

/// <summary>The transfer types (DCAT <c>Distribution.format</c>) this connector serves.</summary>
public static class TransferFormats
{
    /// <summary>HTTP pull of FHIR resources as NDJSON from the provider's data plane, through an EDR.</summary>
    public const string FhirPull = "FHIR-PULL";

    /// <summary>The generic name peers such as EDC and the DSP TCK use for the same HTTP pull.</summary>
    public const string HttpDataPull = "HttpData-PULL";

    /// <summary>HTTP push of FHIR resources as NDJSON (Bulk Data style) by the provider to the consumer's published receiver.</summary>
    public const string FhirPush = "FHIR-PUSH";

    /// <summary>True for a format this connector can run.</summary>
    public static bool IsSupported(string format) => IsPull(format) || IsPush(format);

    /// <summary>True for an HTTP pull format.</summary>
    public static bool IsPull(string format) => format is FhirPull or HttpDataPull;

    /// <summary>True for the FHIR push format.</summary>
    public static bool IsPush(string format) => format is FhirPush;
}
