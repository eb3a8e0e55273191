using System.Security.Cryptography;
using System.Text;
using Dataspace.ConsentLedger.Pseudonymisation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

/// <summary>Keys, profiles and FHIR inputs shared by the pseudonymisation tests; the data comes from ../shared/testdata and fails when missing.</summary>
internal static class Pseudonymisation
{
    /// <summary>The reference date for age bands in every test.</summary>
    public static readonly DateOnly AsOf = new(2026, 11, 30);

    private static readonly FhirJsonDeserializer Deserializer = new();

    /// <summary>A 32-byte key derived from a readable name, so tests say which agreement they mean.</summary>
    public static PseudonymisationKey Key(string agreement) => new(KeyBytes(agreement));

    /// <summary>The raw bytes behind <see cref="Key"/>.</summary>
    public static byte[] KeyBytes(string agreement) => SHA256.HashData(Encoding.UTF8.GetBytes(agreement));

    /// <summary>The built-in research-trends profile under the key of <paramref name="agreement"/>.</summary>
    public static Pseudonymiser ResearchTrends(string agreement = "agreement-1") =>
        new(PseudonymisationProfile.BuiltIn("research-trends"), Key(agreement), AsOf);

    /// <summary>A spec example from <c>fhir-r4/spec-examples/&lt;name&gt;.json</c>.</summary>
    public static Resource SpecExample(string name) =>
        Deserializer.Deserialize<Resource>(File.ReadAllText(SharedTestData.PathOf($"fhir-r4/spec-examples/{name}.json")));

    /// <summary>A resource from JSON text.</summary>
    public static Resource Parse(string json) => Deserializer.Deserialize<Resource>(json);

    /// <summary>One Synthea bundle by file name.</summary>
    public static Bundle Synthea(string file) =>
        Deserializer.Deserialize<Bundle>(File.ReadAllText(Path.Combine(SharedTestData.PathOf("fhir-r4/synthea"), file)));

    /// <summary>Every Synthea patient bundle (the hospital and practitioner bundles hold no patient), at least 20 of them.</summary>
    public static IReadOnlyList<(string File, Bundle Bundle)> SyntheaPatients()
    {
        var files = Directory.GetFiles(SharedTestData.PathOf("fhir-r4/synthea"), "*.json")
            .Select(Path.GetFileName)
            .Where(f => !f!.StartsWith("hospital", StringComparison.Ordinal) && !f.StartsWith("practitioner", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(files.Count >= 20, $"expected the Synthea patient bundles, found {files.Count}");
        return [.. files.Select(f => (f!, Synthea(f!)))];
    }

    /// <summary>Compact FHIR JSON, the form compared in exact tests.</summary>
    public static string Json(Resource resource) => resource.ToJson();

    /// <summary>Pseudonymises every entry of <paramref name="bundle"/>, resolving its fullUrls; disallowed entries are left out.</summary>
    public static List<Resource> ApplyAll(Pseudonymiser pseudonymiser, Bundle bundle)
    {
        var references = BundleReferences.Of(bundle);
        return [.. bundle.Entry.Select(e => pseudonymiser.Apply(e.Resource!, references)).OfType<Resource>()];
    }
}
