namespace Dataspace.Connector.Transfer;

/// <summary>
/// Where the data plane reads the resources it releases (a data source, in EDC's terms): the connector's own FHIR store
/// (<see cref="EmbeddedFhirSource"/>) or an external FHIR R4 server (<see cref="ExternalFhirSource"/>,
/// <c>Transfer:FhirSource:BaseUrl</c>). Only released data comes from here; consents always come from the connector's
/// own store, the consent registry the ledger records.
/// </summary>
public interface IFhirSource
{
    /// <summary>
    /// True when every resource the source yields is JSON this connector's store wrote (strictly validated on its way in),
    /// so the chain may build Firely's model from it without validating again; false for anything from outside.
    /// </summary>
    bool IsValidated { get; }

    /// <summary>
    /// The current <paramref name="resourceType"/> resources of <paramref name="patient"/> (<c>Patient/id</c>) matching
    /// <paramref name="filters"/> (FHIR search parameters, already checked), each as one line of compact UTF-8 JSON, in
    /// a stable order, streamed: memory holds at most one page of results.
    /// </summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        string resourceType, string patient, IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken cancellationToken);
}
