using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Model;
using static Dataspace.ConsentLedger.Tests.Consent.Requests;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace Dataspace.ConsentLedger.Tests.Consent;

/// <summary>
/// One table per provision feature, each built on a spec example with one element changed. consent-example (basic) is an
/// OPTIN root permit for Patient/f001 from 1964 to 2016-01-01, so adding a nested provision to it isolates that provision.
/// </summary>
public sealed class ProvisionFeatureTests
{
    private static readonly DateTimeOffset In2015 = new(2015, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly CodeKey HeartRate = new("http://loinc.org", "8867-4");
    private static readonly CodeKey Systolic = new("http://loinc.org", "8480-6");

    // period: a nested deny in force in June 2015 only; outside it the root permit holds.
    [Theory]
    [InlineData("2015-06-15", ConsentOutcome.Deny)]
    [InlineData("2015-08-01", ConsentOutcome.Permit)]
    public void Nested_period_limits_when_the_exception_is_in_force(string at, ConsentOutcome expected)
    {
        var consent = Basic(new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Period = new Period { Start = "2015-06-01", End = "2015-06-30" } });

        var decision = Decide(consent, For("Patient/f001", at: DateTimeOffset.Parse(at + "T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, decision.Outcome);
    }

    // purpose: any-of, with specialisations (ETREAT is a TREAT, not the reverse).
    [Theory]
    [InlineData(PurposeOfUse.Treatment, PurposeOfUse.Treatment, ConsentOutcome.Permit)]
    [InlineData(PurposeOfUse.Treatment, PurposeOfUse.EmergencyTreatment, ConsentOutcome.Permit)]
    [InlineData(PurposeOfUse.Treatment, PurposeOfUse.BreakTheGlass, ConsentOutcome.Permit)]
    [InlineData(PurposeOfUse.Treatment, PurposeOfUse.Research, ConsentOutcome.Deny)]
    [InlineData(PurposeOfUse.EmergencyTreatment, PurposeOfUse.Treatment, ConsentOutcome.Deny)]
    [InlineData(PurposeOfUse.Research, PurposeOfUse.ClinicalTrialResearch, ConsentOutcome.Permit)]
    [InlineData(PurposeOfUse.Research, PurposeOfUse.PublicHealth, ConsentOutcome.Deny)]
    public void Root_purpose_matches_the_requested_purpose_or_a_specialisation(string consented, string requested, ConsentOutcome expected)
    {
        var consent = ConsentExamples.Compile("consent-example", c => c.Provision!.Purpose = [new Coding(CodeSystems.ActReason, consented)]);

        Assert.Equal(expected, Decide(consent, For("Patient/f001", requested, In2015)).Outcome);
    }

    [Fact]
    public void An_absolute_actor_reference_matches_its_relative_form()
    {
        var consent = ConsentExamples.Compile("consent-example-notOrg");
        var absolute = ConsentActor.Of(ParticipationType.PrimaryInformationRecipient, "https://ghc.example/fhir/Organization/f001/_history/3");

        Assert.Equal(ConsentOutcome.Deny, Decide(consent, For("Patient/f001", actors: absolute)).Outcome);
    }

    // code: a nested deny on heart rate.
    [Fact]
    public void Nested_code_deny_hides_that_code_only()
    {
        var consent = Basic(new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Code = [new CodeableConcept(HeartRate.System, HeartRate.Code)] });

        var all = Decide(consent, For("Patient/f001", at: In2015));
        Assert.Equal(ConsentOutcome.PermitWithFilters, all.Outcome);
        Assert.Equal<CodeKey>([HeartRate], all.Filters.ExcludedCodes);
        Assert.False(all.Allows(Observation("hr") with { Codes = [HeartRate] }));
        Assert.True(all.Allows(Observation("bp") with { Codes = [Systolic] }));

        Assert.Equal(ConsentOutcome.Deny, Decide(consent, For("Patient/f001", at: In2015) with { Codes = [HeartRate] }).Outcome);
        Assert.Equal(ConsentOutcome.Permit, Decide(consent, For("Patient/f001", at: In2015) with { Codes = [Systolic] }).Outcome);
    }

    // class: a nested deny on a resource type.
    [Fact]
    public void Nested_class_deny_excludes_the_resource_type()
    {
        var consent = Basic(new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Class = [new Coding(CodeSystems.ResourceTypes, "Condition")] });

        var all = Decide(consent, For("Patient/f001", at: In2015));
        Assert.Equal(ConsentOutcome.PermitWithFilters, all.Outcome);
        Assert.Equal<string>(["Condition"], all.Filters.ExcludedResourceTypes);
        Assert.False(all.Allows(new DataItem { ResourceType = "Condition", Reference = "Condition/c1" }));
        Assert.True(all.Allows(Observation("o1")));

        var asked = Decide(consent, For("Patient/f001", at: In2015) with { ResourceTypes = ["Observation", "Condition"] });
        Assert.Equal<string>(["Observation"], asked.Filters.VisibleResourceTypes);
        Assert.Equal(ConsentOutcome.Permit, Decide(consent, For("Patient/f001", at: In2015) with { ResourceTypes = ["Observation"] }).Outcome);
    }

    // dataPeriod: a nested deny on data from 2010; undated data counts as inside a deny (deny-safe).
    [Fact]
    public void Nested_data_period_deny_leaves_the_rest_of_time_visible()
    {
        var consent = Basic(new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, DataPeriod = new Period { Start = "2010-01-01", End = "2010-12-31" } });

        var all = Decide(consent, For("Patient/f001", at: In2015));
        Assert.Equal(ConsentOutcome.PermitWithFilters, all.Outcome);
        Assert.Equal(
            [
                new TimeRange(null, new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1)),
                new TimeRange(new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero), null),
            ],
            all.Filters.AllowedDataPeriods.ToArray());
        Assert.False(all.Allows(Observation("o2010") with { Date = new DateTimeOffset(2010, 5, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.True(all.Allows(Observation("o2012") with { Date = new DateTimeOffset(2012, 5, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.False(all.Allows(Observation("undated")));

        var in2012 = new TimeRange(new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2012, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(ConsentOutcome.Permit, Decide(consent, For("Patient/f001", at: In2015) with { DataPeriod = in2012 }).Outcome);
        var inMay2010 = new TimeRange(new DateTimeOffset(2010, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2010, 5, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(ConsentOutcome.Deny, Decide(consent, For("Patient/f001", at: In2015) with { DataPeriod = inMay2010 }).Outcome);
    }

    // dataPeriod on a root permit (PCF): only that window is visible, and undated data is not.
    [Fact]
    public void Root_data_period_permit_allows_that_window_only()
    {
        var consent = ConsentExamples.Compile("consent-example", c => c.Provision!.DataPeriod = new Period { Start = "2014", End = "2014" });

        var decision = Decide(consent, For("Patient/f001", at: In2015));

        Assert.Equal(ConsentOutcome.PermitWithFilters, decision.Outcome);
        var window = Assert.Single(decision.Filters.AllowedDataPeriods);
        Assert.Equal(new DateTimeOffset(2014, 1, 1, 0, 0, 0, TimeSpan.Zero), window.Start);
        Assert.Equal(new DateTimeOffset(2015, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(-1), window.End);
        Assert.True(decision.Allows(Observation("o") with { Date = new DateTimeOffset(2014, 7, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.False(decision.Allows(Observation("o") with { Date = new DateTimeOffset(2013, 7, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.False(decision.Allows(Observation("undated")));
    }

    // data: the four meanings, on notThis with a PCF root deny.
    [Theory]
    [InlineData(FhirConsent.ConsentDataMeaning.Instance, "Task/example3", false, true, true, true)]
    [InlineData(FhirConsent.ConsentDataMeaning.Related, "Task/example3", false, false, true, true)]
    [InlineData(FhirConsent.ConsentDataMeaning.Dependents, "Task/example3", false, true, false, true)]
    [InlineData(FhirConsent.ConsentDataMeaning.Authoredby, "Practitioner/author", true, true, true, false)]
    public void Data_reference_meanings(FhirConsent.ConsentDataMeaning meaning, string reference, bool task, bool referencedByTask, bool referringToTask, bool authored)
    {
        var consent = ConsentExamples.Compile("consent-example-notThis", c =>
        {
            c.Provision!.Type = FhirConsent.ConsentProvisionType.Deny;
            c.Provision.Data = [new FhirConsent.provisionDataComponent { Meaning = meaning, Reference = new ResourceReference(reference) }];
        });

        var decision = Decide(consent, For("Patient/f001"));

        Assert.Equal(ConsentOutcome.PermitWithFilters, decision.Outcome);
        Assert.Equal(task, decision.Allows(new DataItem { ResourceType = "Task", Reference = "Task/example3" }));
        Assert.Equal(referencedByTask, decision.Allows(new DataItem { ResourceType = "ServiceRequest", Reference = "ServiceRequest/s1", ReferredToBy = ["Task/example3"] }));
        Assert.Equal(referringToTask, decision.Allows(Observation("result") with { RefersTo = ["Task/example3"] }));
        Assert.Equal(authored, decision.Allows(Observation("note") with { Authors = ["Practitioner/author"] }));
    }

    // A nested exception on two criteria at once stays exact in Allows and is left out of the flat lists.
    [Fact]
    public void A_two_criteria_exception_is_exact_per_resource_and_absent_from_the_flat_lists()
    {
        var consent = Basic(new FhirConsent.provisionComponent
        {
            Type = FhirConsent.ConsentProvisionType.Deny,
            Class = [new Coding(CodeSystems.ResourceTypes, "Observation")],
            DataPeriod = new Period { Start = "2010", End = "2010" },
        });

        var decision = Decide(consent, For("Patient/f001", at: In2015));

        Assert.Equal(ConsentOutcome.PermitWithFilters, decision.Outcome);
        Assert.Empty(decision.Filters.ExcludedResourceTypes);
        Assert.Empty(decision.Filters.AllowedDataPeriods);
        Assert.False(decision.Allows(Observation("o") with { Date = new DateTimeOffset(2010, 3, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.True(decision.Allows(Observation("o") with { Date = new DateTimeOffset(2012, 3, 1, 0, 0, 0, TimeSpan.Zero) }));
        Assert.True(decision.Allows(new DataItem { ResourceType = "Condition", Reference = "Condition/c", Date = new DateTimeOffset(2010, 3, 1, 0, 0, 0, TimeSpan.Zero) }));
    }

    // nested: three levels; the deepest provision holding the data decides.
    [Fact]
    public void The_deepest_nested_provision_decides()
    {
        var consent = Basic(new FhirConsent.provisionComponent
        {
            Type = FhirConsent.ConsentProvisionType.Deny,
            Class = [new Coding(CodeSystems.ResourceTypes, "Observation")],
            Provision =
            [
                new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Permit, Code = [new CodeableConcept(Systolic.System, Systolic.Code)] },
            ],
        });

        var decision = Decide(consent, For("Patient/f001", at: In2015));

        Assert.Equal(ConsentOutcome.PermitWithFilters, decision.Outcome);
        Assert.True(decision.Allows(Observation("bp") with { Codes = [Systolic] }));
        Assert.False(decision.Allows(Observation("hr") with { Codes = [HeartRate] }));
        Assert.True(decision.Allows(new DataItem { ResourceType = "Condition", Reference = "Condition/c" }));
        // A deny with a deeper permit inside may not be flattened: Observations are not excluded wholesale.
        Assert.Empty(decision.Filters.ExcludedResourceTypes);
    }

    // Sibling exceptions that overlap: permit wins (IHE PCF: a permit residual overrides a forbid).
    [Fact]
    public void Among_overlapping_siblings_permit_wins()
    {
        var consent = ConsentExamples.Compile("consent-example", c =>
        {
            c.Provision!.Type = FhirConsent.ConsentProvisionType.Deny;
            c.Provision.Provision =
            [
                new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Permit, Class = [new Coding(CodeSystems.ResourceTypes, "Observation")] },
                new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Code = [new CodeableConcept(HeartRate.System, HeartRate.Code)] },
            ];
        });

        var decision = Decide(consent, For("Patient/f001", at: In2015));

        Assert.True(decision.Allows(Observation("hr") with { Codes = [HeartRate] }));
        Assert.False(decision.Allows(new DataItem { ResourceType = "Condition", Reference = "Condition/c" }));
        Assert.Equal<string>(["Observation"], decision.Filters.VisibleResourceTypes);
    }

    [Fact]
    public void A_sibling_deny_beside_a_permit_covering_the_request_is_not_flattened()
    {
        var consent = ConsentExamples.Compile("consent-example", c =>
        {
            c.Provision!.Type = FhirConsent.ConsentProvisionType.Deny;
            c.Provision.Provision =
            [
                new FhirConsent.provisionComponent
                {
                    Type = FhirConsent.ConsentProvisionType.Permit,
                    Provision = [new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Code = [new CodeableConcept(HeartRate.System, HeartRate.Code)] }],
                },
                new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Class = [new Coding(CodeSystems.ResourceTypes, "Observation")] },
            ];
        });

        var decision = Decide(consent, For("Patient/f001", at: In2015));

        Assert.Equal(ConsentOutcome.PermitWithFilters, decision.Outcome);
        Assert.True(decision.Allows(Observation("bp") with { Codes = [Systolic] }));
        Assert.False(decision.Allows(Observation("hr") with { Codes = [HeartRate] }));
        Assert.Empty(decision.Filters.ExcludedResourceTypes);
        Assert.Equal<CodeKey>([HeartRate], decision.Filters.ExcludedCodes);
    }

    // multiple consents: the newest that applies wins; equal dates → deny; input order never matters.
    [Fact]
    public void The_newest_applying_consent_wins_whatever_the_order()
    {
        var older = ConsentExamples.Compile("consent-example-Out");
        var newer = ConsentExamples.Compile("consent-example-Out", c =>
        {
            c.Id = "consent-newer";
            c.DateTime = "2016-01-10";
            c.Provision!.Type = FhirConsent.ConsentProvisionType.Permit;
        });
        var request = For("Patient/f001", actors: CustodianF001);

        foreach (CompiledConsent[] consents in new[] { new[] { older, newer }, new[] { newer, older } })
        {
            var decision = ConsentDecider.Decide(consents, request, ImplicitConsentPolicy.DenyAll);
            Assert.Equal(ConsentOutcome.Permit, decision.Outcome);
            Assert.Equal<string>(["consent-newer"], decision.ConsentIds);
        }
    }

    [Fact]
    public void An_older_consent_still_governs_what_the_newer_one_does_not_address()
    {
        var notOrg = ConsentExamples.Compile("consent-example-notOrg");
        var notThem = ConsentExamples.Compile("consent-example-notThem", c => c.DateTime = "2016-01-01");

        var toOrg = ConsentDecider.Decide([notOrg, notThem], For("Patient/f001", actors: RecipientF001), ImplicitConsentPolicy.AllAuthorised);
        var toNurse = ConsentDecider.Decide([notOrg, notThem], For("Patient/f001", actors: NurseF204), ImplicitConsentPolicy.AllAuthorised);
        var toOther = ConsentDecider.Decide([notOrg, notThem], For("Patient/f001", actors: RecipientOther), ImplicitConsentPolicy.AllAuthorised);

        Assert.Equal((ConsentOutcome.Deny, "consent-example-notOrg"), (toOrg.Outcome, toOrg.ConsentIds.Single()));
        Assert.Equal((ConsentOutcome.Permit, "consent-example-notThem"), (toNurse.Outcome, toNurse.ConsentIds.Single()));
        // Neither root addresses this recipient: the newest Consent answers with the opposite of its root permit.
        Assert.Equal((ConsentOutcome.Deny, "consent-example-notThem"), (toOther.Outcome, toOther.ConsentIds.Single()));
    }

    [Fact]
    public void At_equal_dates_deny_wins()
    {
        var deny = ConsentExamples.Compile("consent-example-Out");
        var permit = ConsentExamples.Compile("consent-example-notAuthor");

        var decision = ConsentDecider.Decide([permit, deny], For("Patient/f001", actors: CustodianF001), ImplicitConsentPolicy.AllAuthorised);

        Assert.Equal(ConsentOutcome.Deny, decision.Outcome);
        Assert.Equal<string>(["consent-example-Out"], decision.ConsentIds);
    }

    [Fact]
    public void The_decision_cites_the_consent_and_its_base_policies()
    {
        const string pcfDeny = "https://profiles.ihe.net/ITI/PCF/Policy-deny";
        var consent = ConsentExamples.Compile("consent-example-Out", c => c.Policy = [new FhirConsent.PolicyComponent { Uri = pcfDeny }]);

        var decision = Decide(consent, For("Patient/f001", actors: CustodianF001));

        Assert.Equal<string>(["consent-example-Out"], decision.ConsentIds);
        Assert.Equal<string>([pcfDeny], decision.PolicyUris);
        Assert.Contains("consent-example-Out", decision.Explanation, StringComparison.Ordinal);
    }

    // inactive, entered-in-error, non-privacy and other patients' Consents are never applied.
    [Theory]
    [InlineData("inactive", "patient-privacy", "Patient/f001")]
    [InlineData("entered-in-error", "patient-privacy", "Patient/f001")]
    [InlineData("draft", "patient-privacy", "Patient/f001")]
    [InlineData("active", "research", "Patient/f001")]
    [InlineData("active", "patient-privacy", "Patient/someone-else")]
    public void Consents_not_in_force_leave_the_implicit_policy(string status, string scope, string patient)
    {
        var consent = ConsentExamples.Compile("consent-example-Out", c =>
        {
            c.Status = Hl7.Fhir.Utility.EnumUtility.ParseLiteral<FhirConsent.ConsentState>(status);
            c.Scope = new CodeableConcept(CodeSystems.ConsentScope, scope);
        });

        var decision = ConsentDecider.Decide([consent], For(patient, actors: CustodianF001), ImplicitConsentPolicy.AllAuthorised);

        Assert.Equal(ConsentOutcome.Permit, decision.Outcome);
        Assert.Equal(ImplicitConsentPolicy.AllAuthorised, decision.ImplicitPolicy);
        Assert.Empty(decision.ConsentIds);
    }

    // implicit policies, no Consent on file.
    [Theory]
    [InlineData(ImplicitConsentPolicy.DenyAll, PurposeOfUse.Treatment, ConsentOutcome.Deny)]
    [InlineData(ImplicitConsentPolicy.DenyAll, PurposeOfUse.Research, ConsentOutcome.Deny)]
    [InlineData(ImplicitConsentPolicy.TreatmentOnly, PurposeOfUse.Treatment, ConsentOutcome.Permit)]
    [InlineData(ImplicitConsentPolicy.TreatmentOnly, PurposeOfUse.EmergencyTreatment, ConsentOutcome.Permit)]
    [InlineData(ImplicitConsentPolicy.TreatmentOnly, PurposeOfUse.Research, ConsentOutcome.Deny)]
    [InlineData(ImplicitConsentPolicy.TreatmentOnly, PurposeOfUse.PublicHealth, ConsentOutcome.Deny)]
    [InlineData(ImplicitConsentPolicy.AllAuthorised, PurposeOfUse.Research, ConsentOutcome.Permit)]
    public void Implicit_policy_applies_without_a_consent(ImplicitConsentPolicy policy, string purpose, ConsentOutcome expected)
    {
        var decision = ConsentDecider.Decide([], For("Patient/f001", purpose), policy);

        Assert.Equal(expected, decision.Outcome);
        Assert.Equal(policy, decision.ImplicitPolicy);
    }

    // break-glass: only for emergency purposes, only when it overrides something, always marked.
    [Theory]
    [InlineData(ImplicitConsentPolicy.DenyAll, PurposeOfUse.EmergencyTreatment, ConsentOutcome.Permit, true)]
    [InlineData(ImplicitConsentPolicy.DenyAll, PurposeOfUse.BreakTheGlass, ConsentOutcome.Permit, true)]
    [InlineData(ImplicitConsentPolicy.DenyAll, PurposeOfUse.Treatment, ConsentOutcome.Deny, false)]
    [InlineData(ImplicitConsentPolicy.DenyAll, PurposeOfUse.Research, ConsentOutcome.Deny, false)]
    [InlineData(ImplicitConsentPolicy.AllAuthorised, PurposeOfUse.EmergencyTreatment, ConsentOutcome.Permit, false)]
    public void Break_glass(ImplicitConsentPolicy policy, string purpose, ConsentOutcome expected, bool brokeGlass)
    {
        var decision = ConsentDecider.Decide([], For("Patient/f001", purpose) with { BreakGlass = true }, policy);

        Assert.Equal((expected, brokeGlass), (decision.Outcome, decision.BrokeGlass));
        Assert.Contains("reak-glass", decision.Explanation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Break_glass_lifts_residual_filters_too()
    {
        var consent = Basic(new FhirConsent.provisionComponent { Type = FhirConsent.ConsentProvisionType.Deny, Class = [new Coding(CodeSystems.ResourceTypes, "Condition")] });

        var decision = Decide(consent, For("Patient/f001", PurposeOfUse.EmergencyTreatment, In2015) with { BreakGlass = true });

        Assert.Equal(ConsentOutcome.Permit, decision.Outcome);
        Assert.True(decision.BrokeGlass);
        Assert.True(decision.Allows(new DataItem { ResourceType = "Condition", Reference = "Condition/c" }));
    }

    private static CompiledConsent Basic(FhirConsent.provisionComponent nested) =>
        ConsentExamples.Compile("consent-example", c => c.Provision!.Provision = [nested]);

    private static ConsentDecision Decide(CompiledConsent consent, AccessRequest request) =>
        ConsentDecider.Decide([consent], request, ImplicitConsentPolicy.DenyAll);

    private static DataItem Observation(string id) => new() { ResourceType = "Observation", Reference = "Observation/" + id };
}
