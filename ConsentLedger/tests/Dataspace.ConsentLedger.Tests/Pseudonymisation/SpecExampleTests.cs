using Dataspace.ConsentLedger.Pseudonymisation;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

/// <summary>Exact research-trends output for the FHIR R4 spec examples under the key of "agreement-1".</summary>
public sealed class SpecExampleTests
{
    [Fact]
    public void Heart_rate_keeps_codes_value_and_a_shifted_date_and_loses_narrative_and_displays()
    {
        var output = Pseudonymisation.ResearchTrends().Apply(Pseudonymisation.SpecExample("observation-example-heart-rate"))!;

        Assert.Equal(
            """{"resourceType":"Observation","id":"d4-Yeiy4LIS3b7zhawtKA6D-","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"8867-4"}]},"subject":{"reference":"Patient/y36OBpfIlPFdsl5rHLp9-UB."},"effectiveDateTime":"1999-06-17","valueQuantity":{"value":44,"unit":"beats/minute","system":"http://unitsofmeasure.org","code":"/min"}}""",
            Pseudonymisation.Json(output));
    }

    [Fact]
    public void Blood_pressure_keeps_its_components_and_moves_by_the_same_days_as_the_heart_rate()
    {
        var output = Pseudonymisation.ResearchTrends().Apply(Pseudonymisation.SpecExample("observation-example-bloodpressure"))!;

        Assert.Equal(
            """{"resourceType":"Observation","id":"lDQ7HRJ12BMWOuxvu08vDlHQ","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"subject":{"reference":"Patient/y36OBpfIlPFdsl5rHLp9-UB."},"effectiveDateTime":"2012-09-02","interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"L"}]}],"bodySite":{"coding":[{"system":"http://snomed.info/sct","code":"368209003"}]},"component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"},{"system":"http://snomed.info/sct","code":"271649006"},{"system":"http://acme.org/devices/clinical-codes","code":"bp-s"}]},"valueQuantity":{"value":107,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"},"interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"N"}]}]},{"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":60,"unit":"mmHg","system":"http://unitsofmeasure.org","code":"mm[Hg]"},"interpretation":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation","code":"L"}]}]}]}""",
            Pseudonymisation.Json(output));
    }

    [Fact]
    public void The_patient_is_reduced_to_gender_an_age_band_and_a_region()
    {
        var output = Pseudonymisation.ResearchTrends().Apply(Pseudonymisation.SpecExample("patient-example"))!;

        Assert.Equal(
            """{"resourceType":"Patient","id":"y36OBpfIlPFdsl5rHLp9-UB.","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"gender":"male","_birthDate":{"extension":[{"url":"urn:dataspace:pseudonym:age-band","valueRange":{"low":{"value":50,"unit":"a","system":"http://unitsofmeasure.org","code":"a"},"high":{"value":54,"unit":"a","system":"http://unitsofmeasure.org","code":"a"}}}]},"address":[{"state":"Vic"}]}""",
            Pseudonymisation.Json(output));
    }

    [Theory]
    [InlineData("observation-example-bloodpressure-cancel")]
    [InlineData("observation-example-bloodpressure-dar")]
    [InlineData("observation-example-bmi")]
    [InlineData("observation-example-bmi-using-related")]
    [InlineData("observation-example-body-height")]
    [InlineData("observation-example-body-length")]
    [InlineData("observation-example-body-temperature")]
    [InlineData("observation-example-f202-temperature")]
    [InlineData("observation-example-head-circumference")]
    [InlineData("observation-example-mbp")]
    [InlineData("observation-example-respiratory-rate")]
    [InlineData("observation-example-satO2")]
    [InlineData("observation-example-vitals-panel")]
    [InlineData("observation-example")]
    public void Every_vital_signs_example_keeps_its_code_and_loses_every_free_text(string name)
    {
        var input = Pseudonymisation.SpecExample(name);
        var before = Pseudonymisation.Json(input);
        var output = (Observation)Pseudonymisation.ResearchTrends().Apply(input)!;
        var json = Pseudonymisation.Json(output);

        Assert.Equal(before, Pseudonymisation.Json(input));
        Assert.Equal(((Observation)input).Code.Coding.Select(c => c.Code), output.Code.Coding.Select(c => c.Code));
        Assert.Null(output.Text);
        Assert.DoesNotContain("\"display\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"text\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"note\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"identifier\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"" + input.Id + "\"", json, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9\\-\\.]{1,64}$", output.Id);
        Assert.All(References(output), r => Assert.Matches("^[A-Z][A-Za-z]+/[A-Za-z0-9\\-\\.]{24}$", r));
    }

    [Theory]
    [InlineData("consent-example")]
    [InlineData("consent-example-Emergency")]
    public void A_type_the_profile_does_not_allow_is_dropped(string name) =>
        Assert.Null(Pseudonymisation.ResearchTrends().Apply(Pseudonymisation.SpecExample(name)));

    private static IEnumerable<string> References(Observation observation) =>
        new[] { observation.Subject }.Concat(observation.HasMember).Concat(observation.DerivedFrom)
            .Where(r => r is not null).Select(r => r!.Reference ?? string.Empty);
}
