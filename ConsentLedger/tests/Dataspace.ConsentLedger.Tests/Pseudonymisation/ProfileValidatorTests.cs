using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.ConsentLedger.Pseudonymisation;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

public sealed class ProfileValidatorTests
{
    private const string Valid = """
        {
          "name": "test-profile",
          "identifiers": "pseudonymise",
          "dateShift": { "maxDays": 30 },
          "securityLabels": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "PSEUDED" } ],
          "resources": {
            "Observation": { "patient": "Observation.subject", "allow": [ "Observation.code", "Observation.subject" ] },
            "Patient": { "allow": [ "Patient.birthDate" ], "generalise": { "Patient.birthDate": { "to": "year" } } }
          }
        }
        """;

    [Fact]
    public void Every_built_in_profile_loads()
    {
        Assert.Contains("research-trends", PseudonymisationProfile.BuiltInNames);
        Assert.All(PseudonymisationProfile.BuiltInNames, name => Assert.Equal(name, PseudonymisationProfile.BuiltIn(name).Name));
    }

    [Fact]
    public void The_research_trends_profile_reads_as_written()
    {
        var profile = PseudonymisationProfile.BuiltIn("research-trends");

        Assert.Equal(["Device", "Observation", "Patient"], profile.Resources.Keys);
        Assert.Equal(IdentifierHandling.Pseudonymise, profile.Identifiers);
        Assert.Equal(30, profile.DateShiftMaxDays);
        Assert.Equal(new SecurityLabel("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "PSEUDED"), Assert.Single(profile.SecurityLabels));
        Assert.Equal(new Generalisation(GeneralisationMethod.AgeBand, 5), profile.Resources["Patient"].Generalise["Patient.birthDate"]);
        Assert.Equal(new Generalisation(GeneralisationMethod.Region, null), profile.Resources["Patient"].Generalise["Patient.address"]);
        Assert.Equal("Observation.subject", profile.Resources["Observation"].Patient);
    }

    [Fact]
    public void An_unknown_built_in_name_says_which_exist()
    {
        var error = Assert.Throws<ArgumentException>(() => PseudonymisationProfile.BuiltIn("research-trend"));
        Assert.Contains("research-trends", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_profile_has_no_issues_and_loads_from_a_file()
    {
        Assert.Empty(Validate(Valid));

        var path = Path.Combine(Path.GetTempPath(), $"profile-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Valid);
        try
        {
            Assert.Equal("test-profile", PseudonymisationProfile.Load(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("Observation.component.valueQuantity.value")]
    [InlineData("Observation.value[x]")]
    [InlineData("Observation.value")]
    [InlineData("Observation.effectiveDateTime")]
    [InlineData("Observation.code.coding.display")]
    [InlineData("Observation.referenceRange.low")]
    public void Paths_into_backbone_elements_datatypes_and_choices_resolve(string path) =>
        Assert.Empty(Validate(With(p => p["resources"]!["Observation"]!["allow"]!.AsArray().Add(path))));

    [Theory]
    [InlineData("Observaton")]
    [InlineData("DomainResource")]
    [InlineData("CodeableConcept")]
    public void An_unknown_or_abstract_resource_type_is_named(string type)
    {
        var issue = Assert.Single(Validate(With(p => p["resources"]![type] = new JsonObject { ["allow"] = new JsonArray(type + ".code") })));

        Assert.Equal("$.resources." + type, issue.Location);
        Assert.Contains($"Unknown resource type '{type}'", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Observation.valu", "Observation has no element 'valu'")]
    [InlineData("Observation.code.codings", "CodeableConcept has no element 'codings'")]
    [InlineData("Observation.valueAddress", "Observation has no element 'valueAddress'")]
    [InlineData("Observation.valuequantity", "Observation has no element 'valuequantity'")]
    [InlineData("Observation.codeCodeableConcept", "Observation has no element 'codeCodeableConcept'")]
    [InlineData("Observation.value.unit", "'Observation.value' is a choice of types")]
    [InlineData("Observation.code[x]", "not a choice element")]
    [InlineData("Patient.gender", "must name an element of Observation")]
    [InlineData("Observation", "must name an element of Observation")]
    [InlineData("Observation.id", "always replaced by its pseudonym")]
    [InlineData("Observation.meta", "always replaced by the security labels")]
    [InlineData("Observation.contained", "never copied")]
    public void An_unknown_or_reserved_element_path_is_explained(string path, string expected)
    {
        var issue = Assert.Single(Validate(With(p => p["resources"]!["Observation"]!["allow"]!.AsArray().Add(path))));

        Assert.Equal("$.resources.Observation.allow[2]", issue.Location);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "to": "decade" }""", "Unknown generalisation 'decade'")]
    [InlineData("""{ "to": "region" }""", "'region' needs an Address")]
    [InlineData("""{ "to": "ageBand" }""", "ageBand needs years")]
    [InlineData("""{ "to": "ageBand", "years": 0 }""", "ageBand needs years")]
    [InlineData("""{ "to": "year", "years": 5 }""", "years only applies to ageBand")]
    [InlineData("""{ "to": "year", "round": 5 }""", "Unknown property 'round'")]
    [InlineData("""{ }""", "to is required")]
    [InlineData("""  "year" """, "A generalisation is an object")]
    public void A_generalisation_must_exist_and_fit_its_element(string rule, string expected)
    {
        var issue = Assert.Single(Validate(With(p => p["resources"]!["Patient"]!["generalise"]!["Patient.birthDate"] = JsonNode.Parse(rule))));

        Assert.StartsWith("$.resources.Patient.generalise['Patient.birthDate']", issue.Location, StringComparison.Ordinal);
        Assert.Contains(expected, issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Year_on_a_choice_of_several_types_must_name_the_date_type()
    {
        var issues = Validate(With(p =>
        {
            p["resources"]!["Observation"]!["allow"]!.AsArray().Add("Observation.effective");
            p["resources"]!["Observation"]!["generalise"] = new JsonObject { ["Observation.effective"] = new JsonObject { ["to"] = "year" } };
        }));

        Assert.Contains("name the choice type", Assert.Single(issues).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generalised_element_must_also_be_allowed()
    {
        var issue = Assert.Single(Validate(With(p => p["resources"]!["Patient"]!["generalise"]!["Patient.address"] = new JsonObject { ["to"] = "region" })));

        Assert.Contains("not in allow", issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("3651")]
    [InlineData("\"30\"")]
    [InlineData("1.5")]
    public void A_date_shift_range_outside_1_to_3650_days_is_refused(string maxDays)
    {
        var issue = Assert.Single(Validate(With(p => p["dateShift"]!["maxDays"] = JsonNode.Parse(maxDays))));

        Assert.Equal("$.dateShift.maxDays", issue.Location);
        Assert.Contains("from 1 to 3650", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_date_shift_is_refused() =>
        Assert.Contains("dateShift is required", Assert.Single(Validate(With(p => p.Remove("dateShift")))).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("Observation.status", "must be a single Reference")]
    [InlineData("Observation.performer", "must be a single Reference")]
    [InlineData("Observation.subjekt", "no element 'subjekt'")]
    public void The_patient_element_must_be_one_reference(string path, string expected) =>
        Assert.Contains(expected, Assert.Single(Validate(With(p => p["resources"]!["Observation"]!["patient"] = path))).Message, StringComparison.Ordinal);

    [Fact]
    public void Misspelt_properties_identifier_handling_and_labels_are_all_reported_at_once()
    {
        var issues = Validate(With(p =>
        {
            p["identifiers"] = "hash";
            p["securityLabels"]![0]!["system"] = "not a uri";
            p["resources"]!["Observation"]!["alow"] = new JsonArray();
            p["name"] = "Test Profile";
        }));

        Assert.Equal(
            ["$.name", "$.identifiers", "$.securityLabels[0].system", "$.resources.Observation.alow"],
            issues.Select(i => i.Location));
    }

    [Fact]
    public void Empty_allow_lists_labels_and_resources_are_refused()
    {
        Assert.Contains("allow is required", Assert.Single(Validate(With(p => p["resources"]!["Observation"]!["allow"] = new JsonArray()))).Message, StringComparison.Ordinal);
        Assert.Contains("securityLabels is required", Assert.Single(Validate(With(p => p["securityLabels"] = new JsonArray()))).Message, StringComparison.Ordinal);
        Assert.Contains("resources is required", Assert.Single(Validate(With(p => p["resources"] = new JsonObject()))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_listed_twice_is_refused() =>
        Assert.Contains("listed twice", Assert.Single(Validate(With(p => p["resources"]!["Observation"]!["allow"]!.AsArray().Add("Observation.code")))).Message, StringComparison.Ordinal);

    [Fact]
    public void Parse_throws_with_every_issue_and_the_source()
    {
        var error = Assert.Throws<InvalidProfileException>(() => PseudonymisationProfile.Parse(
            With(p => { p["dateShift"]!["maxDays"] = 0; p["resources"]!["Device"] = new JsonObject { ["allow"] = new JsonArray("Device.nmae") }; }),
            "my-profile.json"));

        Assert.Equal(2, error.Issues.Length);
        Assert.StartsWith("Pseudonymisation profile my-profile.json is invalid: $.dateShift.maxDays", error.Message, StringComparison.Ordinal);
        Assert.Contains("Device has no element 'nmae'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"name\": ")]
    [InlineData("[]")]
    public void Not_a_profile_object_is_refused(string json)
    {
        var error = Assert.Throws<InvalidProfileException>(() => PseudonymisationProfile.Parse(json));

        Assert.Equal("$", Assert.Single(error.Issues).Location);
    }

    private static IReadOnlyList<ProfileIssue> Validate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ProfileValidator.Validate(document.RootElement);
    }

    private static string With(Action<JsonObject> change)
    {
        var profile = JsonNode.Parse(Valid)!.AsObject();
        change(profile);
        return profile.ToJsonString();
    }
}
