using System.Text.Json;

namespace Dataspace.Catalog.Federation;

/// <summary>One dataset of one participant's catalog, reduced to what the federated catalog searches and facets on.</summary>
public sealed record CatalogEntry
{
    public required string ParticipantDid { get; init; }

    public required string DatasetId { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>The publisher's IRI or name.</summary>
    public string? Publisher { get; init; }

    /// <summary>ISO 3166-1 alpha-2 countries the data covers, or the participant's country when the dataset names none.</summary>
    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<string> HealthCategories { get; init; } = [];

    /// <summary>Distribution formats (transfer types) and media types.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    /// <summary>Purposes the offers permit, read from their <c>purpose</c> constraints.</summary>
    public IReadOnlyList<string> Purposes { get; init; } = [];

    /// <summary>Offer ids, to start a negotiation from a search hit.</summary>
    public IReadOnlyList<string> OfferIds { get; init; } = [];

    /// <summary>The dataset as the provider sent it.</summary>
    public required JsonElement Dataset { get; init; }
}
