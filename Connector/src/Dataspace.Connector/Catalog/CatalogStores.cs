using Dataspace.Catalog.Assets;
using Dataspace.Connector.Storage;

namespace Dataspace.Connector.Catalog;

/// <summary>The catalog's tables.</summary>
public sealed class CatalogStores(ConnectorDatabase database, TimeProvider time)
{
    public DocumentTable<Asset> Assets { get; } = new(database, "assets", CatalogJson.Options, time);

    public DocumentTable<PolicyDefinition> Policies { get; } = new(database, "policy_definitions", CatalogJson.Options, time);

    public DocumentTable<ContractDefinitionDocument> ContractDefinitions { get; } = new(database, "contract_definitions", CatalogJson.Options, time);

    public DocumentTable<PeerCatalog> PeerCatalogs { get; } = new(database, "peer_catalogs", CatalogJson.Options, time);
}
