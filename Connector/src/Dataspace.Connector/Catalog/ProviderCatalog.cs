using System.Text.Json.Nodes;
using Dataspace.Catalog.Assets;
using Dataspace.Catalog.Dsp;
using Dataspace.Catalog.Offers;
using Dataspace.Connector.Identity;
using Dataspace.Connector.Protocol;
using Dataspace.PolicyEngine.Evaluation;

namespace Dataspace.Connector.Catalog;

/// <summary>
/// What this provider shows one requester: every asset selected by a contract definition whose access policy admits
/// the requester, offered under that definition's contract policy. Nothing else is visible, not even by id.
/// </summary>
public sealed class ProviderCatalog(CatalogStores stores, PolicyLibrary policies, ParticipantIdentity identity, TimeProvider time)
{
    private const string Use = "http://www.w3.org/ns/odrl/2/use";

    private volatile AssetSnapshot? _assets;

    /// <summary>The datasets <paramref name="caller"/> may see that pass <paramref name="filter"/>, in asset id order.</summary>
    public async Task<IReadOnlyList<VisibleDataset>> VisibleAsync(VerifiedCaller caller, IReadOnlyList<AssetCriterion> filter, CancellationToken cancellationToken)
    {
        var definitions = await stores.ContractDefinitions.AllAsync(cancellationToken);
        var admitting = new List<(ContractDefinition Definition, PreparedPolicy Contract)>();
        foreach (var document in definitions)
        {
            var definition = document.ToDefinition();
            var access = await policies.GetAsync(definition.AccessPolicyId, cancellationToken);
            var contract = await policies.GetAsync(definition.ContractPolicyId, cancellationToken);
            if (access is null || contract is null)
                continue;
            if (access.Compiled.Evaluate(AccessRequest(caller, definition.Id)).IsPermitted)
                admitting.Add((definition, contract));
        }
        if (admitting.Count == 0)
            return [];

        var visible = new List<VisibleDataset>();
        foreach (var asset in await AssetsAsync(cancellationToken))
        {
            if (!filter.All(c => c.Matches(asset)))
                continue;
            var offers = admitting.Where(a => a.Definition.AssetSelector.Matches(asset))
                .Select(a => a.Contract.Offer(OfferId.Create(a.Definition.Id, asset.Id))).ToList();
            if (offers.Count > 0)
                visible.Add(new VisibleDataset(asset, offers));
        }
        return visible;
    }

    /// <summary>Every asset, parsed once per change of the assets table rather than on every catalog request.</summary>
    private async Task<IReadOnlyList<Asset>> AssetsAsync(CancellationToken cancellationToken)
    {
        var version = await stores.Assets.VersionAsync(cancellationToken);
        var cached = _assets;
        if (cached is not null && cached.Version == version)
            return cached.Assets;
        var assets = await stores.Assets.AllAsync(cancellationToken);
        _assets = new AssetSnapshot(version, assets);
        return assets;
    }

    private sealed record AssetSnapshot(string Version, IReadOnlyList<Asset> Assets);

    /// <summary>The DSP <c>Catalog</c> holding <paramref name="page"/>.</summary>
    public JsonObject CatalogJson(IEnumerable<VisibleDataset> page)
    {
        var catalog = new JsonObject
        {
            ["@context"] = new JsonArray(DspPaths.Context),
            ["@id"] = identity.Did + "#catalog",
            ["@type"] = "Catalog",
            ["participantId"] = identity.Did,
            ["service"] = new JsonArray(DataService()),
        };
        var datasets = new JsonArray(page.Select(d => (JsonNode)DspDataset.Build(d.Asset, d.Offers, DataServiceId)).ToArray());
        // DSP's schema forbids an empty dataset array: a catalog without datasets simply has none.
        if (datasets.Count > 0)
            catalog["dataset"] = datasets;
        return catalog;
    }

    /// <summary>
    /// Writes the same catalog as <see cref="CatalogJson"/> straight to <paramref name="stream"/>, one dataset at a time,
    /// so a catalog of thousands of datasets never exists as one tree in memory (and never costs the collector one).
    /// </summary>
    public async Task WriteCatalogAsync(Stream stream, IEnumerable<VisibleDataset> page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(page);
        await using var writer = new System.Text.Json.Utf8JsonWriter(stream);
        var header = CatalogJson([]);
        writer.WriteStartObject();
        foreach (var (key, value) in header)
        {
            writer.WritePropertyName(key);
            value!.WriteTo(writer);
        }
        var first = true;
        foreach (var dataset in page)
        {
            if (first)
            {
                writer.WritePropertyName("dataset");
                writer.WriteStartArray();
                first = false;
            }
            DspDataset.Build(dataset.Asset, dataset.Offers, DataServiceId).WriteTo(writer);
            if (writer.BytesPending > 64 * 1024)
                await writer.FlushAsync(cancellationToken);
        }
        if (!first)
            writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>One dataset as a DSP root <c>Dataset</c> (with <c>@context</c>).</summary>
    public JsonObject DatasetJson(VisibleDataset dataset)
    {
        var json = DspDataset.Build(dataset.Asset, dataset.Offers, DataServiceId);
        var root = new JsonObject { ["@context"] = new JsonArray(DspPaths.Context) };
        foreach (var (key, value) in json.ToList())
        {
            json.Remove(key);
            root[key] = value;
        }
        return root;
    }

    private string DataServiceId => identity.Did + "#dsp";

    private JsonObject DataService() => new()
    {
        ["@id"] = DataServiceId,
        ["@type"] = "DataService",
        ["endpointURL"] = identity.DspBaseUrl.ToString(),
    };

    private PolicyRequest AccessRequest(VerifiedCaller caller, string definitionId) => new()
    {
        Action = Use,
        Target = definitionId,
        Participant = caller.Did,
        Country = caller.Country,
        Role = caller.Role,
        Now = time.GetUtcNow(),
    };
}
