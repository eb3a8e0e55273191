using System.Net;
using Dataspace.ConsentLedger.Consent;
using Dataspace.Fhir.Consents;
using Dataspace.Fhir.Tests.Support;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;

namespace Dataspace.Fhir.Tests.Api;

/// <summary>The Consent API: validated on the way in, revoked by status, reported to observers.</summary>
public sealed class ConsentApiTests : IAsyncLifetime
{
    private FhirTestServer _server = null!;

    public async Task InitializeAsync() => _server = await FhirTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Consent Enforceable(string patient) => new()
    {
        Status = Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://loinc.org", "59284-0")],
        Patient = new ResourceReference("Patient/" + patient),
        DateTime = "2024-01-15",
        Policy = [new Consent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-basic-normal" }],
        Provision = new Consent.provisionComponent { Type = Consent.ConsentProvisionType.Permit },
    };

    [Fact]
    public async Task The_specification_examples_are_admitted_as_the_validator_decides()
    {
        var client = _server.Client();
        var examples = TestData.ConsentExamples().ToList();
        foreach (var file in examples)
        {
            var consent = TestData.SpecExample<Consent>(file);
            Assert.DoesNotContain(ConsentValidator.Validate(consent), i => i.Severity == ConsentIssueSeverity.Error);

            var created = await client.CreateAsync(consent);

            Assert.Equal("1", created!.Meta.VersionId);
        }
        Assert.NotEmpty(examples);
        Assert.Equal(examples.Count, (await client.SearchAsync<Consent>(new SearchParams { Summary = SummaryType.Count }))!.Total);
        Assert.Equal(examples.Count, _server.Consents.Changes.Count(c => c.Kind == ConsentChangeKind.Recorded));
    }

    [Fact]
    public async Task Each_specification_example_broken_is_refused_with_every_error_the_validator_names()
    {
        var client = _server.Client();
        foreach (var file in TestData.ConsentExamples())
        {
            var consent = TestData.SpecExample<Consent>(file);
            consent.Patient = null;
            consent.Provision ??= new Consent.provisionComponent();
            consent.Provision.Actor.Add(new Consent.provisionActorComponent { Role = new CodeableConcept { Text = "a role in words only" }, Reference = new ResourceReference("Practitioner/example") });
            var errors = ConsentValidator.Validate(consent).Where(i => i.Severity == ConsentIssueSeverity.Error).ToList();

            var rejection = await Assert.ThrowsAsync<FhirOperationException>(() => client.CreateAsync(consent));

            Assert.Equal(HttpStatusCode.UnprocessableEntity, rejection.Status);
            Assert.Equal(
                errors.Select(e => (e.IssueType, (string?)e.Expression)).Order(),
                rejection.Outcome.Issue.Where(i => i.Severity == OperationOutcome.IssueSeverity.Error)
                    .Select(i => (Hl7.Fhir.Utility.EnumUtility.GetLiteral(i.Code)!, i.Expression.Single())).Order());
            Assert.Contains(errors, e => e.Expression == "Consent.patient");
            Assert.Contains(errors, e => e.Expression == "Consent.provision.actor[" + (consent.Provision.Actor.Count - 1) + "].role");
        }
        Assert.Equal(0, (await client.SearchAsync<Consent>(new SearchParams { Summary = SummaryType.Count }))!.Total);
        Assert.Empty(_server.Consents.Changes);
    }

    [Fact]
    public async Task A_Consent_without_a_patient_is_refused_with_the_path_and_nothing_is_stored()
    {
        var consent = Enforceable("p1");
        consent.Patient = null;

        var rejection = await Assert.ThrowsAsync<FhirOperationException>(() => _server.Client().CreateAsync(consent));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejection.Status);
        var issue = Assert.Single(rejection.Outcome.Issue, i => i.Severity == OperationOutcome.IssueSeverity.Error);
        Assert.Equal(OperationOutcome.IssueType.Required, issue.Code);
        Assert.Equal(["Consent.patient"], issue.Expression);
        Assert.Empty(_server.Consents.Changes);
    }

    [Fact]
    public async Task An_invalid_Consent_inside_a_transaction_fails_the_whole_transaction()
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.AddResourceEntry(new Patient { Gender = AdministrativeGender.Female }, "urn:uuid:6a0c1c2e-0f7e-4b7e-9d5f-0a1b2c3d4e5f").Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" };
        var consent = Enforceable("x");
        consent.Patient = new ResourceReference("urn:uuid:6a0c1c2e-0f7e-4b7e-9d5f-0a1b2c3d4e5f");
        consent.Provision = null;
        consent.Policy.Clear();
        bundle.AddResourceEntry(consent, "urn:uuid:7b1d2d3f-1f8f-4c8f-8e6a-1b2c3d4e5f60").Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Consent" };

        var rejection = await Assert.ThrowsAsync<FhirOperationException>(() => _server.Client().TransactionAsync(bundle));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejection.Status);
        Assert.Equal(0, (await _server.Client().SearchAsync<Patient>(new SearchParams { Summary = SummaryType.Count }))!.Total);
    }

    [Fact]
    public async Task Revocation_is_an_update_to_inactive_and_observers_hear_recorded_updated_revoked()
    {
        var client = _server.Client();
        var consent = await client.CreateAsync(Enforceable("p7"));
        consent!.DateTime = "2024-02-01";
        consent = await client.UpdateAsync(consent);
        consent!.Status = Consent.ConsentState.Inactive;
        await client.UpdateAsync(consent);

        Assert.Equal([(consent.Id, ConsentChangeKind.Recorded), (consent.Id, ConsentChangeKind.Updated), (consent.Id, ConsentChangeKind.Revoked)], _server.Consents.Changes);
        var active = await client.SearchAsync<Consent>(new SearchParams().Add("patient", "p7").Add("status", "active"));
        Assert.Empty(active!.Entry);
        var inactive = await client.SearchAsync<Consent>(new SearchParams().Add("patient", "p7").Add("status", "inactive"));
        Assert.Equal(consent.Id, Assert.Single(inactive!.Entry).Resource.Id);
    }

    [Fact]
    public async Task A_Consent_cannot_be_deleted()
    {
        var client = _server.Client();
        var consent = await client.CreateAsync(Enforceable("p8"));

        var refused = await Assert.ThrowsAsync<FhirOperationException>(() => client.DeleteAsync($"Consent/{consent!.Id}"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, refused.Status);
        Assert.NotNull(await client.ReadAsync<Consent>($"Consent/{consent!.Id}"));
    }
}
