using Dataspace.ConsentLedger.Pseudonymisation;
using Hl7.Fhir.Model;

namespace Dataspace.ConsentLedger.Tests.Pseudonymisation;

/// <summary>The rules of <see cref="Pseudonymiser"/> one at a time, on small resources and profiles written here.</summary>
public sealed class PseudonymiserTests
{
    private static readonly PseudonymisationKey Key = Pseudonymisation.Key("agreement-1");

    private const string Observation = """
        {
          "resourceType": "Observation", "id": "obs-1",
          "meta": { "versionId": "7", "lastUpdated": "2026-01-02T03:04:05Z", "source": "#hrs-node-3", "tag": [ { "code": "x" } ] },
          "text": { "status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Jane Roe, 44 bpm</div>" },
          "extension": [ { "url": "http://example.org/secret", "valueString": "Jane Roe" } ],
          "identifier": [ { "system": "urn:oid:1.2.3", "value": "OBS-778", "assigner": { "display": "HRS" } } ],
          "status": "final",
          "code": { "coding": [ { "system": "http://loinc.org", "code": "8867-4", "display": "Heart rate" } ], "text": "pulse taken by Dr Smith" },
          "subject": { "reference": "https://hrs.example/fhir/Patient/p1/_history/3", "display": "Jane Roe" },
          "encounter": { "reference": "#enc" },
          "performer": [ { "identifier": { "system": "urn:oid:2.16.840.1.113883.19.5", "value": "NURSE-12" } } ],
          "effectivePeriod": { "start": "2024-02-28T23:30:00+01:00", "end": "2024-02-29T00:10:00+01:00" },
          "valueQuantity": { "id": "q1", "value": 44, "unit": "beats/minute", "system": "http://unitsofmeasure.org", "code": "/min" },
          "note": [ { "text": "patient anxious, lives alone" } ]
        }
        """;

    [Fact]
    public void Meta_is_reduced_to_the_security_labels()
    {
        var output = Apply(Profile(), Observation);

        Assert.Null(output.Meta!.VersionId);
        Assert.Null(output.Meta.LastUpdated);
        Assert.Null(output.Meta.Source);
        Assert.Empty(output.Meta.Tag);
        var label = Assert.Single(output.Meta.Security);
        Assert.Equal(("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "PSEUDED"), (label.System, label.Code));
    }

    [Fact]
    public void References_in_any_literal_form_get_the_pseudonym_of_type_and_id_and_lose_their_display()
    {
        var output = Apply(Profile(), Observation);

        Assert.Equal("Patient/" + Key.Pseudonym("Patient/p1"), output.Subject!.Reference);
        Assert.Null(output.Subject.Display);
        Assert.Null(output.Encounter); // a contained reference cannot be pseudonymised consistently, so it goes
        Assert.Equal(Key.Pseudonym("Observation/obs-1"), output.Id);
    }

    [Fact]
    public void Identifiers_are_pseudonymised_under_the_project_system_when_the_profile_says_so()
    {
        var output = Apply(Profile(identifiers: "pseudonymise"), Observation);

        var identifier = Assert.Single(output.Identifier);
        Assert.Equal(PseudonymisationCodes.IdentifierSystem, identifier.System);
        Assert.Equal(Key.IdentifierPseudonym("urn:oid:1.2.3", "OBS-778"), identifier.Value);
        Assert.Null(identifier.Assigner);
        var performer = Assert.Single(output.Performer);
        Assert.Equal(Key.IdentifierPseudonym("urn:oid:2.16.840.1.113883.19.5", "NURSE-12"), performer.Identifier!.Value);
    }

    [Fact]
    public void Identifiers_are_removed_when_the_profile_says_drop()
    {
        var output = Apply(Profile(identifiers: "drop"), Observation);

        Assert.Empty(output.Identifier);
        Assert.Empty(output.Performer); // a reference with nothing left but its identifier disappears
    }

    [Fact]
    public void Narrative_notes_extensions_free_text_and_element_ids_go_unless_allowlisted()
    {
        var json = Pseudonymisation.Json(Apply(Profile(), Observation));

        foreach (var leak in new[] { "Jane Roe", "Dr Smith", "lives alone", "Heart rate", "http://example.org/secret", "\"q1\"", "OBS-778", "NURSE-12", "hrs-node-3", "hrs.example" })
        {
            Assert.DoesNotContain(leak, json, StringComparison.Ordinal);
        }

        Assert.Contains("\"unit\":\"beats/minute\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_named_in_the_allowlist_is_kept()
    {
        var output = Apply(Profile(extra: ["Observation.code.text", "Observation.note", "Observation.text", "Observation.extension"]), Observation);

        Assert.Equal("pulse taken by Dr Smith", output.Code.Text);
        Assert.Null(output.Code.Coding[0].Display);
        Assert.Equal("patient anxious, lives alone", Assert.Single(output.Note).Text);
        Assert.Contains("44 bpm", output.Text!.Div, StringComparison.Ordinal);
        Assert.Equal("http://example.org/secret", Assert.Single(output.Extension).Url);
    }

    [Fact]
    public void Names_addresses_and_telecoms_are_kept_only_where_their_own_path_is_listed()
    {
        var profile = PseudonymisationProfile.Parse("""
            { "name": "contacts", "identifiers": "drop", "dateShift": { "maxDays": 10 },
              "securityLabels": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "PSEUDED" } ],
              "resources": { "Patient": { "allow": [ "Patient.address", "Patient.contact" ] } } }
            """);
        var patient = Pseudonymisation.Parse("""
            { "resourceType": "Patient", "id": "p1",
              "address": [ { "line": [ "1 Main St" ], "city": "Esch" } ],
              "contact": [ { "relationship": [ { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/v2-0131", "code": "N" } ] } ],
                             "name": { "family": "Roe" }, "telecom": [ { "system": "phone", "value": "+352 555 0101" } ], "address": { "city": "Metz" } } ] }
            """);

        var output = (Patient)new Pseudonymiser(profile, Key, Pseudonymisation.AsOf).Apply(patient)!;

        Assert.Equal("1 Main St", Assert.Single(Assert.Single(output.Address).Line));
        var contact = Assert.Single(output.Contact);
        Assert.Equal("N", contact.Relationship[0].Coding[0].Code);
        Assert.Null(contact.Name);
        Assert.Empty(contact.Telecom);
        Assert.Null(contact.Address);
    }

    [Fact]
    public void Every_kept_date_moves_by_the_patients_shift_and_keeps_its_time_and_offset()
    {
        var days = Key.ShiftDays("Patient/p1", 30);
        var period = (Period)Apply(Profile(), Observation).Effective!;

        Assert.Equal(new DateTimeOffset(2024, 2, 28, 23, 30, 0, TimeSpan.FromHours(1)).AddDays(days), period.StartElement!.ToDateTimeOffset(TimeSpan.Zero));
        Assert.EndsWith("T00:10:00+01:00", period.End, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(40), period.EndElement!.ToDateTimeOffset(TimeSpan.Zero) - period.StartElement!.ToDateTimeOffset(TimeSpan.Zero));
    }

    [Fact]
    public void Only_allowlisted_elements_survive()
    {
        var output = Apply(Profile(allow: ["Observation.status", "Observation.valueQuantity.value"]), Observation);

        Assert.Equal(
            """{"resourceType":"Observation","id":"ID","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"status":"final","valueQuantity":{"value":44}}""".Replace("ID", output.Id, StringComparison.Ordinal),
            Pseudonymisation.Json(output));
    }

    [Fact]
    public void A_typed_choice_name_allows_that_type_only()
    {
        var profile = Profile(allow: ["Observation.status", "Observation.valueString"]);

        Assert.Null(Apply(profile, Observation).Value);
        Assert.Equal("seen", ((FhirString)Apply(profile, """{ "resourceType": "Observation", "status": "final", "code": { "text": "x" }, "valueString": "seen" }""").Value!).Value);
    }

    [Fact]
    public void Birth_dates_can_be_generalised_to_the_year()
    {
        var profile = PseudonymisationProfile.Parse("""
            { "name": "years", "identifiers": "drop", "dateShift": { "maxDays": 10 },
              "securityLabels": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "PSEUDED" } ],
              "resources": { "Patient": { "allow": [ "Patient.birthDate", "Patient.deceasedDateTime" ],
                                          "generalise": { "Patient.birthDate": { "to": "year" }, "Patient.deceasedDateTime": { "to": "year" } } } } }
            """);
        var output = (Patient)new Pseudonymiser(profile, Key, Pseudonymisation.AsOf).Apply(
            Pseudonymisation.Parse("""{ "resourceType": "Patient", "id": "p1", "birthDate": "1974-12-25", "deceasedDateTime": "2020-03-04T05:06:07Z" }"""))!;

        Assert.Equal("1974", output.BirthDate);
        Assert.Equal("2020", ((FhirDateTime)output.Deceased!).Value);
    }

    [Fact]
    public void Bundle_fullurls_resolve_so_references_match_the_pseudonymised_ids()
    {
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = "urn:uuid:7f0e", Resource = new Patient { Id = "7f0e" } },
                new Bundle.EntryComponent
                {
                    FullUrl = "urn:uuid:91aa",
                    Resource = new Hl7.Fhir.Model.Observation { Id = "91aa", Status = ObservationStatus.Final, Code = new CodeableConcept(), Subject = new ResourceReference("urn:uuid:7f0e") },
                },
            ],
        };
        var pseudonymiser = new Pseudonymiser(PseudonymisationProfile.Parse(Profile()), Key, Pseudonymisation.AsOf);

        var output = Pseudonymisation.ApplyAll(pseudonymiser, bundle);

        var observation = Assert.IsType<Hl7.Fhir.Model.Observation>(Assert.Single(output));
        Assert.Equal("Patient/" + Key.Pseudonym("Patient/7f0e"), observation.Subject!.Reference);
        Assert.Null(((Hl7.Fhir.Model.Observation)pseudonymiser.Apply(bundle.Entry[1].Resource!)!).Subject); // unresolved urn:uuid: dropped, never guessed
    }

    [Fact]
    public void A_device_keeps_its_type_and_patient_and_loses_serial_numbers_and_udi()
    {
        var device = Pseudonymisation.Parse("""
            { "resourceType": "Device", "id": "watch-9",
              "identifier": [ { "system": "urn:oid:2.16.840.1.113883.19.7", "value": "SN-42-77" } ],
              "udiCarrier": [ { "deviceIdentifier": "09504000059118", "carrierHRF": "(01)09504000059118(21)SN-42-77" } ],
              "serialNumber": "SN-42-77", "manufactureDate": "2023-05-01",
              "type": { "coding": [ { "system": "http://snomed.info/sct", "code": "706767009", "display": "Patient data recorder" } ], "text": "smart watch" },
              "patient": { "reference": "Patient/p1", "display": "Jane Roe" } }
            """);

        var output = Pseudonymisation.ResearchTrends().Apply(device)!;

        Assert.Equal(
            """{"resourceType":"Device","id":"ID","meta":{"security":[{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"}]},"type":{"coding":[{"system":"http://snomed.info/sct","code":"706767009"}]},"patient":{"reference":"Patient/PATIENT"}}"""
                .Replace("ID", Key.Pseudonym("Device/watch-9"), StringComparison.Ordinal)
                .Replace("PATIENT", Key.Pseudonym("Patient/p1"), StringComparison.Ordinal),
            Pseudonymisation.Json(output));
    }

    [Fact]
    public void The_input_is_left_as_it_was()
    {
        var input = Pseudonymisation.Parse(Observation);
        var before = Pseudonymisation.Json(input);

        new Pseudonymiser(PseudonymisationProfile.Parse(Profile(extra: ["Observation.note", "Observation.extension"])), Key, Pseudonymisation.AsOf).Apply(input);

        Assert.Equal(before, Pseudonymisation.Json(input));
    }

    private static Hl7.Fhir.Model.Observation Apply(string profile, string resource) =>
        (Hl7.Fhir.Model.Observation)new Pseudonymiser(PseudonymisationProfile.Parse(profile), Key, Pseudonymisation.AsOf).Apply(Pseudonymisation.Parse(resource))!;

    private static string Profile(string identifiers = "pseudonymise", string[]? allow = null, string[]? extra = null)
    {
        string[] paths =
        [
            .. allow ?? ["Observation.identifier", "Observation.status", "Observation.code", "Observation.subject", "Observation.encounter", "Observation.performer", "Observation.effective", "Observation.value"],
            .. extra ?? [],
        ];
        return $$"""
            { "name": "test", "identifiers": "{{identifiers}}", "dateShift": { "maxDays": 30 },
              "securityLabels": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "code": "PSEUDED" } ],
              "resources": { "Observation": { "patient": "Observation.subject", "allow": [ {{string.Join(", ", paths.Select(p => $"\"{p}\""))}} ] } } }
            """;
    }
}
