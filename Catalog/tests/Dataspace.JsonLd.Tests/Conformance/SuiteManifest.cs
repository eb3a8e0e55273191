using System.Text.Json.Nodes;

namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>Reads the W3C JSON-LD API manifests and decides which tests apply to a JSON-LD 1.1 processor.</summary>
internal static class SuiteManifest
{
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    private static readonly Dictionary<string, IReadOnlyList<SuiteEntry>> Cache = [];
    private static readonly Lock CacheLock = new();

    /// <summary>The tests of "<paramref name="manifest"/>-manifest.jsonld" that apply to JSON-LD 1.1.</summary>
    public static IReadOnlyList<SuiteEntry> Entries(string manifest)
    {
        lock (CacheLock)
        {
            if (!Cache.TryGetValue(manifest, out var entries))
            {
                entries = Load(manifest);
                Cache[manifest] = entries;
            }

            return entries;
        }
    }

    public static SuiteEntry Find(string fullId)
    {
        var manifest = fullId[..fullId.IndexOf('#', StringComparison.Ordinal)];
        return Entries(manifest).Single(e => e.FullId == fullId);
    }

    /// <summary>xunit member data: one row per applicable test id, or a single row naming the missing test data so the theory fails loudly.</summary>
    public static IEnumerable<object[]> TheoryData(string manifest)
    {
        IReadOnlyList<SuiteEntry> entries;
        try
        {
            entries = Entries(manifest);
        }
        catch (InvalidOperationException e)
        {
            return [["MISSING-TEST-DATA: " + e.Message]];
        }

        return entries.Select(e => new object[] { e.FullId });
    }

    private static List<SuiteEntry> Load(string manifest)
    {
        var path = Path.Combine(TestData.JsonLdApiTests, manifest + "-manifest.jsonld");
        var root = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var result = new List<SuiteEntry>();
        foreach (var node in root["sequence"]!.AsArray())
        {
            var test = node!.AsObject();
            var types = test["@type"] is JsonArray array ? array.Select(t => t!.GetValue<string>()).ToList() : [test["@type"]!.GetValue<string>()];
            var entry = new SuiteEntry(
                manifest,
                test["@id"]!.GetValue<string>(),
                types,
                test["input"]?.GetValue<string>(),
                test["expect"]?.GetValue<string>(),
                test["expectErrorCode"]?.GetValue<string>(),
                test["context"]?.GetValue<string>(),
                test["option"]?.AsObject() ?? []);
            if (AppliesToJsonLd11(entry))
            {
                result.Add(entry);
            }
        }

        return result;
    }

    private static bool AppliesToJsonLd11(SuiteEntry entry) => entry.OptionString("specVersion") != "json-ld-1.0";
}
