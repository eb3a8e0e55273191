using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Serialization;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace Dataspace.ConsentLedger.Tests.Consent;

/// <summary>The FHIR R4 spec's Consent examples from ../shared/testdata, parsed with Firely and compiled.</summary>
internal static class ConsentExamples
{
    private static readonly FhirJsonDeserializer Deserializer = new();

    /// <summary>Parses <c>spec-examples/&lt;name&gt;.json</c>; fails the test when the file is missing.</summary>
    public static FhirConsent Load(string name) =>
        Deserializer.Deserialize<FhirConsent>(File.ReadAllText(SharedTestData.PathOf($"fhir-r4/spec-examples/{name}.json")));

    /// <summary>Loads, optionally changes, and compiles an example.</summary>
    public static CompiledConsent Compile(string name, Action<FhirConsent>? change = null)
    {
        var consent = Load(name);
        change?.Invoke(consent);
        return ConsentCompiler.Compile(consent);
    }
}
