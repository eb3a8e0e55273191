using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Dataspace.Fhir.Tests.Support;

/// <summary>The shared FHIR test data (../shared/testdata beside the repository); missing data fails the test, never skips it.</summary>
public static class TestData
{
    private static readonly FhirJsonDeserializer Parser = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    /// <summary>The <c>fhir-r4</c> folder of the shared test data.</summary>
    public static string FhirR4
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Dataspace.sln")))
                folder = folder.Parent;
            if (folder is null)
                throw new InvalidOperationException($"No Dataspace.sln above {AppContext.BaseDirectory}.");
            var path = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "testdata", "fhir-r4"));
            return Directory.Exists(path) ? path : throw new InvalidOperationException($"The shared FHIR test data is missing: {path}.");
        }
    }

    /// <summary>A Synthea patient transaction bundle (the first by name).</summary>
    public static Bundle SyntheaPatient(int index = 0) =>
        Load<Bundle>(Directory.GetFiles(Path.Combine(FhirR4, "synthea")).Where(f => !Path.GetFileName(f).StartsWith("hospital", StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith("practitioner", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ElementAt(index));

    /// <summary>Every Synthea transaction bundle of the shared data (patients, hospitals, practitioners), by file name.</summary>
    public static IEnumerable<(string Name, Bundle Bundle)> AllSynthea() =>
        Directory.GetFiles(Path.Combine(FhirR4, "synthea"), "*.json").Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), Load<Bundle>(f)));

    /// <summary>The FHIR specification's Consent examples, by file name.</summary>
    public static IEnumerable<string> ConsentExamples() =>
        Directory.GetFiles(Path.Combine(FhirR4, "spec-examples"), "consent-example*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    /// <summary>Reads a spec example.</summary>
    public static T SpecExample<T>(string fileName) where T : Resource => Load<T>(Path.Combine(FhirR4, "spec-examples", fileName));

    private static T Load<T>(string path) where T : Resource => (T)Parser.DeserializeResource(File.ReadAllText(path));
}
