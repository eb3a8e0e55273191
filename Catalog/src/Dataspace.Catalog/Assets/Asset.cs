namespace Dataspace.Catalog.Assets;

/// <summary>Something a provider offers: its public description and its private data address.</summary>
/// <param name="Id">Stable identifier; it becomes the dataset's <c>@id</c> in the catalog.</param>
/// <param name="Description">The HealthDCAT-AP metadata peers see.</param>
/// <param name="DataAddress">Where the data is; never published.</param>
public sealed record Asset(string Id, DatasetDescription Description, DataAddress DataAddress);
