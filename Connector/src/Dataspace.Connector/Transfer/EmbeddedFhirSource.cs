using Dataspace.Fhir.Core;
using Dataspace.Fhir.Search;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Released data from the connector's own FHIR store: the search <c>{type}?patient=…&amp;filters</c> read in keyset pages
/// (<see cref="IFhirStore.StreamMatchesAsync"/>), each resource as the stored UTF-8 bytes.
/// </summary>
public sealed class EmbeddedFhirSource(IFhirStore store) : IFhirSource
{
    // Big pages cost one short statement per thousand resources; the consumer's own _count does not page the data plane.
    private const int PageSize = 1000;

    /// <inheritdoc />
    public bool IsValidated => true;

    /// <inheritdoc />
    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        string resourceType, string patient, IReadOnlyList<KeyValuePair<string, string>> filters, CancellationToken cancellationToken)
    {
        var query = SearchQueryParser.Parse(resourceType, [PatientCompartment.Criterion(resourceType, patient), .. filters], lenient: false, PageSize, PageSize).Query with { Count = PageSize };
        return store.StreamMatchesAsync(query, cancellationToken);
    }
}
