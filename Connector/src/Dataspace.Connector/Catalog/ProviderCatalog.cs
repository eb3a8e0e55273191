using System.Runtime.CompilerServices;
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

    // Keyed by the parsed asset object: a new snapshot after any write brings new objects, and the old entries go with them.
    private readonly ConditionalWeakTable<Asset, CachedDatasetJson> _datasetJson = new();

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
            var matching = admitting.Where(a => a.Definition.AssetSelector.Matches(asset)).ToList();
            if (matching.Count == 0)
                continue;
            var offers = matching.Select(a => a.Contract.Offer(OfferId.Create(a.Definition.Id, asset.Id))).ToList();
            // Prepared policies are cached per policy text, so a prepared instance stands for one policy version.
            var key = string.Join('|', matching.Select(a => a.Definition.Id + ":" + a.Contract.Instance));
            visible.Add(new VisibleDataset(asset, offers, key));
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
            writer.WriteRawValue(DatasetBytes(dataset), skipInputValidation: true);
            if (writer.BytesPending > 64 * 1024)
                await writer.FlushAsync(cancellationToken);
        }
        if (!first)
            writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// A dataset's serialised JSON, reused while the asset (same parsed snapshot object) and the offers' definitions and
    /// policy versions are unchanged: crawlers ask for the same large catalog again and again.
    /// </summary>
    private byte[] DatasetBytes(VisibleDataset dataset)
    {
        if (_datasetJson.TryGetValue(dataset.Asset, out var cached) && cached.OfferKey == dataset.OfferKey)
            return cached.Json;
        var json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(DspDataset.Build(dataset.Asset, dataset.Offers, DataServiceId));
        _datasetJson.AddOrUpdate(dataset.Asset, new CachedDatasetJson(dataset.OfferKey, json));
        return json;
    }

    private sealed record CachedDatasetJson(string OfferKey, byte[] Json);

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
