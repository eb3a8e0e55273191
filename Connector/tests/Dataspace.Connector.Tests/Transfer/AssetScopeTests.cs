using Dataspace.Connector.Transfer;
using AssetDataAddress = Dataspace.Catalog.Assets.DataAddress;

namespace Dataspace.Connector.Tests.Transfer;

public sealed class AssetScopeTests
{
    private static AssetScope Parse(params (string Name, string Value)[] properties)
    {
        var scope = AssetScope.Parse(new AssetDataAddress("FhirStore", properties.ToDictionary(p => p.Name, p => p.Value)), out var problems);
        Assert.Empty(problems);
        return scope;
    }

    [Fact]
    public void An_address_without_restrictions_covers_every_type_and_adds_no_filter()
    {
        var scope = Parse(("compartment", "Patient"));
        Assert.Equal([], scope.FiltersFor("Observation")!);
        Assert.Equal([], scope.FiltersFor("MedicationRequest")!);
    }

    [Fact]
    public void Types_outside_the_list_are_not_covered()
    {
        var scope = Parse(("resourceTypes", "Observation, Condition"));
        Assert.NotNull(scope.FiltersFor("Condition"));
        Assert.Null(scope.FiltersFor("MedicationRequest"));
        Assert.Null(scope.FiltersFor("observation"));
    }

    [Fact]
    public void Code_and_category_restrictions_become_search_filters_and_types_without_them_are_not_covered()
    {
        var scope = Parse(("code", "http://loinc.org|8867-4, http://loinc.org|85354-9"), ("category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs"));
        Assert.Equal(
            [new("code", "http://loinc.org|8867-4,http://loinc.org|85354-9"), new("category", "http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")],
            scope.FiltersFor("Observation")!);
        // Patient has neither a code nor a category search parameter: releasing it would escape the restriction.
        Assert.Null(scope.FiltersFor("Patient"));
    }

    [Theory]
    [InlineData("DeviceStream", "resourceTypes", "Observation", "not 'DeviceStream'")]
    [InlineData("FhirStore", "tag", "cardiology", "properties.tag is not")]
    [InlineData("FhirStore", "resourceTypes", "Observation,Blob", "'Blob' is not a FHIR R4 resource type")]
    [InlineData("FhirStore", "resourceTypes", " , ", "resourceTypes is empty")]
    [InlineData("FhirStore", "code", "8867-4", "system|code tokens")]
    [InlineData("FhirStore", "compartment", "Encounter", "compartment can only be 'Patient'")]
    public void Properties_the_data_plane_cannot_honour_are_named(string type, string name, string value, string expected)
    {
        AssetScope.Parse(new AssetDataAddress(type, new Dictionary<string, string> { [name] = value }), out var problems);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_code_restriction_on_a_type_without_codes_is_a_problem()
    {
        AssetScope.Parse(new AssetDataAddress("FhirStore", new Dictionary<string, string> { ["resourceTypes"] = "Observation,Patient", ["code"] = "http://loinc.org|8867-4" }), out var problems);
        Assert.Equal(["dataAddress.properties.code restricts by code, which Patient does not have"], problems);
    }
}
