namespace Dataspace.Catalog.Assets;

/// <summary>Where the provider's data plane finds an asset's data. Private: it never leaves the connector.</summary>
/// <param name="Type">The kind of source, e.g. <c>FhirStore</c>, <c>FhirServer</c>, <c>DeviceStream</c>.</param>
/// <param name="Properties">Source settings such as a FHIR base URL or a search; values may be secrets.</param>
public sealed record DataAddress(string Type, IReadOnlyDictionary<string, string> Properties);
