using System.Globalization;
using System.Text.Json;
using Dataspace.ConsentLedger.Pseudonymisation;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

/// <summary>research-trends over every Synthea patient bundle: nothing identifying leaks, pseudonyms link within one agreement only, intervals hold.</summary>
public sealed class SyntheaTests
{
    private const string Agustin = "Agustin_Fonseca_cb5696d9-a0de-4f49-94f9-433f96a28eb0.json";

    [Fact]
    public void Exact_output_for_one_patient_and_their_first_observation()
    {
        var bundle = Pseudonymisation.Synthea(Agustin);
        var references = BundleReferences.Of(bundle);
        var pseudonymiser = Pseudonymisation.ResearchTrends();

        var patient = pseudonymiser.Apply(bundle.Entry.First(e => e.Resource is Patient).Resource!, references)!;
        var observation = pseudonymiser.Apply(bundle.Entry.First(e => e.Resource is Observation).Resource!, references)!;

        Assert.Equal(
            """{"resourceType":"Patient","id":"tdBZebDEgNo97-RCKl3JcxCl","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"gender":"male","_birthDate":{"extension":[{"url":"urn:dataspace:pseudonym:age-band","valueRange":{"low":{"value":30,"unit":"a","system":"http://unitsofmeasure.org","code":"a"},"high":{"value":34,"unit":"a","system":"http://unitsofmeasure.org","code":"a"}}}]},"address":[{"state":"Massachusetts","country":"US"}]}""",
            Pseudonymisation.Json(patient));
        Assert.Equal(
            """{"resourceType":"Observation","id":"b0GJWmsPnkBsok5KXh6roN6c","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"status":"final","category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],"code":{"coding":[{"system":"http://loinc.org","code":"8302-2"}]},"subject":{"reference":"Patient/tdBZebDEgNo97-RCKl3JcxCl"},"effectiveDateTime":"2011-12-24T22:28:27+00:00","issued":"2011-12-24T22:28:27.453+00:00","valueQuantity":{"value":178.69452709041775,"unit":"cm","system":"http://unitsofmeasure.org","code":"cm"}}""",
            Pseudonymisation.Json(observation));
    }

    [Fact]
    public void No_id_identifier_name_address_telecom_or_birth_date_appears_in_any_output()
    {
        var pseudonymiser = Pseudonymisation.ResearchTrends();
        foreach (var (file, bundle) in Pseudonymisation.SyntheaPatients())
        {
            var output = string.Join('\n', Pseudonymisation.ApplyAll(pseudonymiser, bundle).Select(Pseudonymisation.Json));
            var identifying = IdentifyingValues(File.ReadAllBytes(Path.Combine(SharedTestData.PathOf("fhir-r4/synthea"), file)));
            Assert.True(identifying.Count > 20, $"{file}: expected many identifying values, found {identifying.Count}");

            foreach (var value in identifying)
            {
                Assert.False(Leaks(output, value), $"{file}: the output contains '{value}'");
            }
        }
    }

    [Fact]
    public void The_leak_check_catches_a_profile_that_lets_names_and_identifiers_through()
    {
        var careless = PseudonymisationProfile.Parse("""
            { "name": "careless", "identifiers": "pseudonymise", "dateShift": { "maxDays": 30 },
              "securityLabels": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "PSEUDED" } ],
              "resources": { "Patient": { "allow": [ "Patient.name", "Patient.identifier.type.text" ] } } }
            """);
        var bundle = Pseudonymisation.Synthea(Agustin);
        var output = string.Join('\n', Pseudonymisation.ApplyAll(new Pseudonymiser(careless, Pseudonymisation.Key("agreement-1"), Pseudonymisation.AsOf), bundle).Select(Pseudonymisation.Json));
        var identifying = IdentifyingValues(File.ReadAllBytes(Path.Combine(SharedTestData.PathOf("fhir-r4/synthea"), Agustin)));

        Assert.Contains(identifying, v => Leaks(output, v));
        Assert.Contains("Fonseca", output, StringComparison.Ordinal);
        Assert.DoesNotContain("999-88-8619", output, StringComparison.Ordinal); // identifiers stay pseudonymised whatever the allowlist says
    }

    [Fact]
    public void Only_observations_patients_and_devices_come_out()
    {
        var pseudonymiser = Pseudonymisation.ResearchTrends();
        foreach (var (file, bundle) in Pseudonymisation.SyntheaPatients())
        {
            var output = Pseudonymisation.ApplyAll(pseudonymiser, bundle);

            Assert.Equal(bundle.Entry.Count(e => e.Resource is Observation or Patient or Device), output.Count);
            Assert.All(output, r => Assert.Contains(r.TypeName, new[] { "Observation", "Patient", "Device" }));
            Assert.Contains(bundle.Entry, e => e.Resource is Claim or Encounter or Condition);
        }
    }

    [Fact]
    public void Every_observation_points_at_its_pseudonymised_patient()
    {
        var pseudonymiser = Pseudonymisation.ResearchTrends();
        foreach (var (file, bundle) in Pseudonymisation.SyntheaPatients())
        {
            var output = Pseudonymisation.ApplyAll(pseudonymiser, bundle);
            var patient = Assert.Single(output.OfType<Patient>());

            Assert.All(output.OfType<Observation>(), o => Assert.Equal("Patient/" + patient.Id, o.Subject!.Reference));
            Assert.All(output, r => Assert.Matches("^[A-Za-z0-9\\-\\.]{24}$", r.Id));
            Assert.Equal(output.Count, output.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void Intervals_between_one_patients_dates_are_kept_and_no_date_stays_put()
    {
        var pseudonymiser = Pseudonymisation.ResearchTrends();
        var shifts = new HashSet<double>();
        foreach (var (file, bundle) in Pseudonymisation.SyntheaPatients())
        {
            var references = BundleReferences.Of(bundle);
            var pairs = bundle.Entry.Select(e => e.Resource).OfType<Observation>()
                .Select(o => (Before: Effective(o), After: Effective((Observation)pseudonymiser.Apply(o, references)!)))
                .ToList();
            Assert.NotEmpty(pairs);

            var shift = pairs[0].After - pairs[0].Before;
            Assert.NotEqual(TimeSpan.Zero, shift);
            Assert.InRange(Math.Abs(shift.TotalDays), 1, 30);
            Assert.All(pairs, p => Assert.Equal(shift, p.After - p.Before));
            shifts.Add(shift.TotalDays);
        }

        Assert.True(shifts.Count > 5, "patients should get different shifts");
    }

    [Fact]
    public void Same_key_gives_identical_output()
    {
        var bundle = Pseudonymisation.Synthea(Agustin);

        Assert.Equal(
            Pseudonymisation.ApplyAll(Pseudonymisation.ResearchTrends("agreement-1"), bundle).Select(Pseudonymisation.Json),
            Pseudonymisation.ApplyAll(Pseudonymisation.ResearchTrends("agreement-1"), bundle).Select(Pseudonymisation.Json));
    }

    [Fact]
    public void Two_agreements_share_no_pseudonym()
    {
        foreach (var (_, bundle) in Pseudonymisation.SyntheaPatients())
        {
            var first = Pseudonyms(Pseudonymisation.ApplyAll(Pseudonymisation.ResearchTrends("agreement-1"), bundle));
            var second = Pseudonyms(Pseudonymisation.ApplyAll(Pseudonymisation.ResearchTrends("agreement-2"), bundle));

            Assert.NotEmpty(first);
            Assert.Empty(first.Intersect(second));
        }
    }

    [Fact]
    public void Pseudonymising_leaves_the_bundle_as_it_was()
    {
        var bundle = Pseudonymisation.Synthea(Agustin);
        var before = Pseudonymisation.Json(bundle);

        Pseudonymisation.ApplyAll(Pseudonymisation.ResearchTrends(), bundle);

        Assert.Equal(before, Pseudonymisation.Json(bundle));
    }

    // A short number such as NPI "300" also occurs inside measurements, so numbers count only as a whole JSON string or reference id.
    private static bool Leaks(string output, string value) =>
        value.All(char.IsAsciiDigit)
            ? output.Contains($"\"{value}\"", StringComparison.Ordinal) || output.Contains($"/{value}\"", StringComparison.Ordinal)
            : output.Contains(value, StringComparison.Ordinal);

    private static DateTimeOffset Effective(Observation observation) =>
        DateTimeOffset.Parse(((FhirDateTime)observation.Effective!).Value!, CultureInfo.InvariantCulture);

    private static HashSet<string> Pseudonyms(IEnumerable<Resource> resources) =>
        [.. resources.SelectMany(r => r is Observation o ? [r.Id!, o.Subject!.Reference!] : new[] { r.Id! })];

    /// <summary>Read straight from the file, not through the POCOs under test: every id, identifier, name, address, telecom and birth date.</summary>
    private static HashSet<string> IdentifyingValues(byte[] bundleJson)
    {
        using var document = JsonDocument.Parse(bundleJson);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.GetProperty("entry").EnumerateArray())
        {
            var resource = entry.GetProperty("resource");
            values.Add(resource.GetProperty("id").GetString()!);
            values.Add(entry.GetProperty("fullUrl").GetString()!["urn:uuid:".Length..]);
            Collect(resource, values);
        }

        values.RemoveWhere(v => v.Length < 3);
        return values;
    }

    private static void Collect(JsonElement element, HashSet<string> values)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, values);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            switch (property.Name)
            {
                case "identifier":
                    AddAll(property.Value, "value", values);
                    break;
                case "name" when property.Value.ValueKind == JsonValueKind.Array:
                    AddAll(property.Value, "family", values);
                    AddAll(property.Value, "given", values);
                    break;
                case "address":
                    AddAll(property.Value, "line", values);
                    AddAll(property.Value, "city", values);
                    AddAll(property.Value, "postalCode", values);
                    break;
                case "telecom":
                    AddAll(property.Value, "value", values);
                    break;
                case "birthDate":
                    values.Add(property.Value.GetString()!);
                    break;
                case "url" when property.Value.GetString() == "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName":
                    values.Add(element.GetProperty("valueString").GetString()!);
                    break;
            }

            Collect(property.Value, values);
        }
    }

    private static void AddAll(JsonElement holder, string property, HashSet<string> values)
    {
        foreach (var item in holder.ValueKind == JsonValueKind.Array ? holder.EnumerateArray().ToArray() : [holder])
        {
            if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var value))
            {
                foreach (var text in value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToArray() : [value])
                {
                    if (text.ValueKind == JsonValueKind.String)
                    {
                        values.Add(text.GetString()!);
                    }
                }
            }
        }
    }
}
