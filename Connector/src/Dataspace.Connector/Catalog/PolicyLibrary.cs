using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.JsonLd;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;
using Dataspace.Connector.Protocol;

namespace Dataspace.Connector.Catalog;

/// <summary>
/// Turns stored ODRL JSON-LD into what the connector needs: a compiled policy for decisions, and the offer body in the
/// DSP 2025-1 compact form. Policies are read on their expanded form, so <c>odrl:permission</c> and <c>permission</c>
/// mean the same; both results are cached per policy text.
/// </summary>
public sealed class PolicyLibrary(CatalogStores stores)
{
    private static readonly JsonNode DspContext = new JsonArray(DspPaths.Context);
    private const string Odrl = "http://www.w3.org/ns/odrl/2/";

    private readonly ConcurrentDictionary<string, PreparedPolicy> _prepared = new(StringComparer.Ordinal);

    /// <summary>Parses a submitted policy: JSON-LD expansion with bundled contexts only, then the ODRL parser. Problems are safe to show.</summary>
    public static (PreparedPolicy? Policy, IReadOnlyList<string> Problems) Prepare(JsonElement policy)
    {
        JsonArray expanded;
        try
        {
            expanded = JsonLdProcessor.Expand(policy);
        }
        catch (JsonLdException e)
        {
            return (null, [$"JSON-LD: {e.Code}: {e.Message}"]);
        }
        var policyNodes = expanded.OfType<JsonObject>().Where(IsPolicyNode).ToList();
        if (policyNodes.Count != 1)
            return (null, ["the document must hold exactly one ODRL policy (Set, Offer or Agreement)"]);
        var node = policyNodes[0];
        using var document = JsonDocument.Parse(new JsonArray(node.DeepClone()).ToJsonString());
        var parsed = PolicyParser.Parse(document.RootElement);
        if (!parsed.IsSuccess)
            return (null, parsed.Errors.Select(e => $"{e.Path}: {e.Message}").ToList());
        var compiled = CompiledPolicy.Compile(parsed.Policy!, OperandRegistry.Default);
        return (new PreparedPolicy(compiled, OfferBody(node)), []);
    }

    /// <summary>The prepared form of stored policy <paramref name="id"/>, or null when there is none.</summary>
    public async Task<PreparedPolicy?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        var stored = await stores.Policies.GetAsync(id, cancellationToken);
        if (stored is null)
            return null;
        var key = id + "\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stored.Policy.GetRawText())));
        if (_prepared.TryGetValue(key, out var cached))
            return cached;
        var (prepared, problems) = Prepare(stored.Policy);
        if (prepared is null)
            throw new InvalidOperationException($"Stored policy {id} no longer parses: {string.Join("; ", problems)}");
        _prepared[key] = prepared;
        return prepared;
    }

    private static bool IsPolicyNode(JsonObject node) =>
        node["@type"] is JsonArray types && types.Any(t => t?.GetValue<string>() is Odrl + "Set" or Odrl + "Offer" or Odrl + "Agreement" or Odrl + "Policy");

    /// <summary>
    /// The policy as a catalog offer, compacted inside a dataset so the DSP context's type-scoped ODRL profile applies
    /// exactly as it does in a catalog. Catalog offers carry no target (the dataset is the target) and no assignee.
    /// </summary>
    private static JsonObject OfferBody(JsonObject expandedPolicy)
    {
        var offer = (JsonObject)expandedPolicy.DeepClone();
        offer["@id"] = "urn:dataspace:offer:template";
        offer["@type"] = new JsonArray(Odrl + "Offer");
        offer.Remove(Odrl + "target");
        offer.Remove(Odrl + "assignee");
        offer.Remove(Odrl + "uid");
        var dataset = new JsonObject
        {
            ["@id"] = "urn:dataspace:dataset:template",
            ["@type"] = new JsonArray("http://www.w3.org/ns/dcat#Dataset"),
            [Odrl + "hasPolicy"] = new JsonArray(offer),
        };
        var compacted = JsonLdProcessor.Compact(dataset, DspContext);
        var body = compacted["hasPolicy"] is JsonArray policies && policies.Count == 1 && policies[0] is JsonObject only
            ? only
            : throw new InvalidOperationException("compaction lost the offer");
        return (JsonObject)body.DeepClone();
    }
}

/// <summary>A policy ready for use: compiled for decisions, and its catalog offer body (with a placeholder <c>@id</c>).</summary>
/// <param name="Compiled">Evaluate requests against it.</param>
/// <param name="OfferTemplate">Clone it and set <c>@id</c> to the offer id.</param>
public sealed record PreparedPolicy(CompiledPolicy Compiled, JsonObject OfferTemplate)
{
    private static long s_lastInstance;

    /// <summary>Unique per prepared instance in this process; a changed policy is prepared anew and gets a new one.</summary>
    public long Instance { get; } = Interlocked.Increment(ref s_lastInstance);

    /// <summary>A fresh offer body with the given id.</summary>
    public JsonObject Offer(string offerId)
    {
        var offer = (JsonObject)OfferTemplate.DeepClone();
        offer["@id"] = offerId;
        return offer;
    }
}
