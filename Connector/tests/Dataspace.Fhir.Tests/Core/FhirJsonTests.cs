using Dataspace.Fhir.Core;
using Dataspace.Fhir.Tests.Support;

namespace Dataspace.Fhir.Tests.Core;

/// <summary>Reading back validated JSON skips validation; it must still build exactly the resource the strict parser builds.</summary>
public sealed class FhirJsonTests
{
    [Fact]
    public void Every_Synthea_resource_parses_to_the_same_resource_with_and_without_validation()
    {
        var compared = 0;
        foreach (var entry in TestData.SyntheaPatient().Entry)
        {
            var json = System.Text.Encoding.UTF8.GetBytes(FhirJson.Serialize(entry.Resource));
            var strict = FhirJson.Serialize(FhirJson.Parse(json, 256));

            Assert.Equal(strict, FhirJson.Serialize(FhirJson.ParseValidated(json)));
            compared++;
        }
        Assert.True(compared >= 50, $"only {compared} resources compared");
    }
}
