using Dataspace.ConsentLedger.Consent;
using static Dataspace.ConsentLedger.Tests.Consent.Requests;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace Dataspace.ConsentLedger.Tests.Consent;

/// <summary>
/// Decision table over the FHIR R4 spec's Consent examples (../shared/testdata/fhir-r4/spec-examples).
/// <para>
/// Rule applied (reference/health.md §1.1 and §1.3): the root effect is the root <c>type</c>, else the policyRule
/// (OPTIN/OPTINR → permit, OPTOUT/OPTOUTE → deny); inside the root's scope the root effect holds, outside it the opposite;
/// nested provisions are exceptions (their type, else the opposite of the parent). The Canadian examples (notThem, notThis,
/// notAuthor, notTime) and grantor were written for an R4 reading in which the untyped root is an exception to an
/// implied-consent base, so their narratives say the reverse of what the JSON yields under the PCF rule; the "-pcf" rows
/// give the same example the root type its narrative intends and show the engine then does what the narrative says.
/// </para>
/// <code>
/// case                            example (change)              request                              expect        why
/// out-custodian-f001              Out                           CST f001, TREAT                      Deny          OPTOUT root, actor CST f001 matches
/// out-other-custodian             Out                           CST other, TREAT                     Permit        root does not address this custodian → opposite of deny
/// emergency-etreat                Emergency                     CST f001, ETREAT                     Deny          OPTOUT root for ETREAT at f001, nested deny repeats it
/// emergency-break-glass           Emergency                     CST f001, ETREAT, break-glass        Permit        break-glass overrides the deny; BrokeGlass = true
/// emergency-treat                 Emergency                     CST f001, TREAT                      Permit        root purpose ETREAT does not cover TREAT (ETREAT ⊂ TREAT) → opposite
/// grantor-access                  grantor                       PRCP Patient/example, access         Deny          OPTOUT root for the listed actors and action access
/// grantor-pcf-access              grantor (root permit)         PRCP Patient/example, access         Permit        read-only grant as the narrative intends
/// grantor-pcf-other-recipient     grantor (root permit)         PRCP other organisation              Deny          not a grantee → opposite; the explanation masks Patient/example
/// grantor-pcf-correct             grantor (root permit)         PRCP Patient/example, correct        Deny          action correct is outside the grant → opposite
/// notauthor-custodian-f001        notAuthor                     CST f001                             Permit        OPTIN root for custodian f001
/// notauthor-other-custodian       notAuthor                     CST other                            Deny          root permit does not reach this custodian → opposite
/// notorg-access                   notOrg                        PRCP f001, access                    Deny          explicit root deny: actor and action match (narrative agrees)
/// notorg-disclose                 notOrg                        PRCP f001, disclose                  Permit        action disclose not listed → opposite of deny
/// notorg-other-recipient          notOrg                        PRCP other, access                   Permit        another organisation → opposite of deny (narrative agrees)
/// notthem-nurse                   notThem                       PRCP Practitioner/f204               Permit        OPTIN root names the nurse
/// notthem-pcf-nurse               notThem (root deny)           PRCP Practitioner/f204               Deny          withheld from the ex-spouse as the narrative intends
/// notthem-pcf-other               notThem (root deny)           PRCP other organisation              Permit        everyone else → opposite of deny
/// notthis-related                 notThis                       all data                             PwF           only Task/example3 and what it refers to is visible
/// notthis-pcf-related             notThis (root deny)           all data                             PwF           Task/example3 and what it refers to is excluded
/// nottime-inside                  notTime                       at 2015-01-15                        Permit        root period holds the time of access
/// nottime-after-deny-all          notTime                       at 2016-03-01, implicit DenyAll      Deny          period over → no Consent in force → implicit policy
/// nottime-after-all-authorised    notTime                       at 2016-03-01, implicit AllAuthorised Permit       period over → implicit policy
/// basic-inside                    consent-example (basic)       at 2015-06-01                        Permit        OPTIN root inside 1964..2016-01-01
/// basic-after-treatment-only      consent-example (basic)       at 2016-03-01, TREAT, TreatmentOnly  Permit        expired → implicit TreatmentOnly permits TREAT
/// basic-after-research            consent-example (basic)       at 2016-03-01, HRESCH, TreatmentOnly Deny          expired → implicit TreatmentOnly denies HRESCH
/// pkb-f001                        pkb                           PRCP f001, access                    PwF           root deny on label N; untyped nested provisions read as permit re-open it
/// pkb-other                       pkb                           PRCP other, access                   Permit        root does not address this recipient → opposite of deny
/// signature-practitioner          signature                     PRCP Practitioner/13 at 2016-03-01   Permit        OPTIN root in its period; nested permit changes nothing
/// signature-other                 signature                     PRCP other organisation              Deny          root permit names only Practitioner/13 → opposite
/// signature-expired               signature                     at 2017-01-01, DenyAll               Deny          root period over → implicit
/// signature-pcf-author            signature (root deny)         Practitioner/13 + AUT xcda-author    PwF           only CDA documents with LOINC 34133-9/18842-5 are visible
/// signature-pcf-no-author         signature (root deny)         Practitioner/13 only                 Deny          nested permit needs the AUT actor
/// smart-inside                    smartonfhir                   within the 30 minutes                Permit        OPTIN root in its period
/// smart-after                     smartonfhir                   an hour later, DenyAll               Deny          root period over → implicit
/// smart-pcf-all-types             smartonfhir (root deny)       all types                            PwF           visible resource types: MedicationRequest
/// smart-pcf-observation           smartonfhir (root deny)       Observation only                     Deny          the permit is disjoint from the request
/// smart-pcf-medication            smartonfhir (root deny)       MedicationRequest only               Permit        the permit covers the whole request
/// smart-pcf-disclose              smartonfhir (root deny)       MedicationRequest, disclose          Deny          nested permit is for access only
/// </code>
/// </summary>
public sealed class SpecExampleDecisionTests
{
    private static readonly DateTimeOffset PkbTime = new(2017, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SmartInside = new(2016, 6, 23, 7, 10, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, DecisionCase> Cases = new()
    {
        ["out-custodian-f001"] = new("consent-example-Out", null, For("Patient/f001", actors: CustodianF001), ConsentOutcome.Deny),
        ["out-other-custodian"] = new("consent-example-Out", null, For("Patient/f001", actors: CustodianOther), ConsentOutcome.Permit),
        ["emergency-etreat"] = new("consent-example-Emergency", null, For("Patient/f001", PurposeOfUse.EmergencyTreatment, actors: CustodianF001), ConsentOutcome.Deny),
        ["emergency-break-glass"] = new(
            "consent-example-Emergency",
            null,
            For("Patient/f001", PurposeOfUse.EmergencyTreatment, actors: CustodianF001) with { BreakGlass = true },
            ConsentOutcome.Permit,
            Check: d => Assert.True(d.BrokeGlass)),
        ["emergency-treat"] = new("consent-example-Emergency", null, For("Patient/f001", PurposeOfUse.Treatment, actors: CustodianF001), ConsentOutcome.Permit),
        ["grantor-access"] = new("consent-example-grantor", null, For("Patient/f001", PurposeOfUse.PatientRequested, actors: Grantee), ConsentOutcome.Deny),
        ["grantor-pcf-access"] = new("consent-example-grantor", RootType(FhirConsent.ConsentProvisionType.Permit), For("Patient/f001", PurposeOfUse.PatientRequested, actors: Grantee), ConsentOutcome.Permit),
        ["grantor-pcf-other-recipient"] = new(
            "consent-example-grantor",
            RootType(FhirConsent.ConsentProvisionType.Permit),
            For("Patient/f001", PurposeOfUse.PatientRequested, actors: RecipientOther),
            ConsentOutcome.Deny,
            Check: d =>
            {
                Assert.Contains("PRCP Patient/…", d.Explanation, StringComparison.Ordinal);
                Assert.DoesNotContain("Patient/example", d.Explanation, StringComparison.Ordinal);
            }),
        ["grantor-pcf-correct"] = new(
            "consent-example-grantor",
            RootType(FhirConsent.ConsentProvisionType.Permit),
            For("Patient/f001", PurposeOfUse.PatientRequested, actors: Grantee) with { Action = ConsentAction.Correct },
            ConsentOutcome.Deny),
        ["notauthor-custodian-f001"] = new("consent-example-notAuthor", null, For("Patient/f001", actors: CustodianF001), ConsentOutcome.Permit),
        ["notauthor-other-custodian"] = new("consent-example-notAuthor", null, For("Patient/f001", actors: CustodianOther), ConsentOutcome.Deny),
        ["notorg-access"] = new("consent-example-notOrg", null, For("Patient/f001", actors: RecipientF001), ConsentOutcome.Deny),
        ["notorg-disclose"] = new("consent-example-notOrg", null, For("Patient/f001", actors: RecipientF001) with { Action = ConsentAction.Disclose }, ConsentOutcome.Permit),
        ["notorg-other-recipient"] = new("consent-example-notOrg", null, For("Patient/f001", actors: RecipientOther), ConsentOutcome.Permit),
        ["notthem-nurse"] = new("consent-example-notThem", null, For("Patient/f001", actors: NurseF204), ConsentOutcome.Permit),
        ["notthem-pcf-nurse"] = new("consent-example-notThem", RootType(FhirConsent.ConsentProvisionType.Deny), For("Patient/f001", actors: NurseF204), ConsentOutcome.Deny),
        ["notthem-pcf-other"] = new("consent-example-notThem", RootType(FhirConsent.ConsentProvisionType.Deny), For("Patient/f001", actors: RecipientOther), ConsentOutcome.Permit),
        ["notthis-related"] = new(
            "consent-example-notThis",
            null,
            For("Patient/f001", actors: RecipientOther),
            ConsentOutcome.PermitWithFilters,
            Check: d =>
            {
                Assert.True(d.Allows(Item("Task", "Task/example3")));
                Assert.True(d.Allows(Item("ServiceRequest", "ServiceRequest/lab-order") with { ReferredToBy = ["Task/example3"] }));
                Assert.False(d.Allows(Item("Observation", "Observation/unrelated")));
            }),
        ["notthis-pcf-related"] = new(
            "consent-example-notThis",
            RootType(FhirConsent.ConsentProvisionType.Deny),
            For("Patient/f001", actors: RecipientOther),
            ConsentOutcome.PermitWithFilters,
            Check: d =>
            {
                Assert.Equal<DataReference>([new DataReference(DataMeaning.Related, "Task/example3")], d.Filters.ExcludedDataReferences);
                Assert.False(d.Allows(Item("Task", "Task/example3")));
                Assert.False(d.Allows(Item("ServiceRequest", "ServiceRequest/lab-order") with { ReferredToBy = ["Task/example3"] }));
                Assert.True(d.Allows(Item("Observation", "Observation/unrelated")));
            }),
        ["nottime-inside"] = new("consent-example-notTime", null, For("Patient/f001", at: new DateTimeOffset(2015, 1, 15, 0, 0, 0, TimeSpan.Zero)), ConsentOutcome.Permit),
        ["nottime-after-deny-all"] = new(
            "consent-example-notTime",
            null,
            For("Patient/f001"),
            ConsentOutcome.Deny,
            Check: d =>
            {
                Assert.Equal(ImplicitConsentPolicy.DenyAll, d.ImplicitPolicy);
                Assert.Empty(d.ConsentIds);
            }),
        ["nottime-after-all-authorised"] = new("consent-example-notTime", null, For("Patient/f001"), ConsentOutcome.Permit, ImplicitConsentPolicy.AllAuthorised),
        ["basic-inside"] = new("consent-example", null, For("Patient/f001", at: new DateTimeOffset(2015, 6, 1, 0, 0, 0, TimeSpan.Zero)), ConsentOutcome.Permit),
        ["basic-after-treatment-only"] = new("consent-example", null, For("Patient/f001"), ConsentOutcome.Permit, ImplicitConsentPolicy.TreatmentOnly),
        ["basic-after-research"] = new("consent-example", null, For("Patient/f001", PurposeOfUse.Research), ConsentOutcome.Deny, ImplicitConsentPolicy.TreatmentOnly),
        ["pkb-f001"] = new(
            "consent-example-pkb",
            null,
            For("Patient/example", at: PkbTime, actors: RecipientF001),
            ConsentOutcome.PermitWithFilters,
            Check: d =>
            {
                Assert.True(d.Allows(Item("Observation", "Observation/n") with { SecurityLabels = [Label("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "N")] }));
                Assert.True(d.Allows(Item("Observation", "Observation/psy") with { SecurityLabels = [Label(CodeSystems.ActCode, "PSY")] }));
            }),
        ["pkb-other"] = new("consent-example-pkb", null, For("Patient/example", at: PkbTime, actors: RecipientOther), ConsentOutcome.Permit),
        ["signature-practitioner"] = new("consent-example-signature", null, For("Patient/72", actors: Practitioner13), ConsentOutcome.Permit),
        ["signature-other"] = new("consent-example-signature", null, For("Patient/72", actors: RecipientOther), ConsentOutcome.Deny),
        ["signature-expired"] = new("consent-example-signature", null, For("Patient/72", at: PkbTime, actors: Practitioner13), ConsentOutcome.Deny),
        ["signature-pcf-author"] = new(
            "consent-example-signature",
            RootType(FhirConsent.ConsentProvisionType.Deny),
            For("Patient/72", actors: [Practitioner13, CdaAuthor]),
            ConsentOutcome.PermitWithFilters,
            Check: d =>
            {
                var cda = Item("DocumentReference", "DocumentReference/d1") with { Classes = [new CodeKey("urn:ietf:bcp:13", "application/hl7-cda+xml")] };
                Assert.True(d.Allows(cda with { Codes = [new CodeKey("http://loinc.org", "34133-9")] }));
                Assert.False(d.Allows(cda with { Codes = [new CodeKey("http://loinc.org", "11488-4")] }));
                Assert.False(d.Allows(Item("Observation", "Observation/o1") with { Codes = [new CodeKey("http://loinc.org", "34133-9")] }));
                Assert.Empty(d.Filters.VisibleResourceTypes);
            }),
        ["signature-pcf-no-author"] = new("consent-example-signature", RootType(FhirConsent.ConsentProvisionType.Deny), For("Patient/72", actors: Practitioner13), ConsentOutcome.Deny),
        ["smart-inside"] = new("consent-example-smartonfhir", null, For("Patient/xcda", at: SmartInside), ConsentOutcome.Permit),
        ["smart-after"] = new("consent-example-smartonfhir", null, For("Patient/xcda", at: SmartInside.AddHours(1)), ConsentOutcome.Deny),
        ["smart-pcf-all-types"] = new(
            "consent-example-smartonfhir",
            RootType(FhirConsent.ConsentProvisionType.Deny),
            For("Patient/xcda", at: SmartInside),
            ConsentOutcome.PermitWithFilters,
            Check: d =>
            {
                Assert.Equal<string>(["MedicationRequest"], d.Filters.VisibleResourceTypes);
                Assert.True(d.Allows(Item("MedicationRequest", "MedicationRequest/m1")));
                Assert.False(d.Allows(Item("Observation", "Observation/o1")));
            }),
        ["smart-pcf-observation"] = new(
            "consent-example-smartonfhir",
            RootType(FhirConsent.ConsentProvisionType.Deny),
            For("Patient/xcda", at: SmartInside) with { ResourceTypes = ["Observation"] },
            ConsentOutcome.Deny),
        ["smart-pcf-medication"] = new(
            "consent-example-smartonfhir",
            RootType(FhirConsent.ConsentProvisionType.Deny),
            For("Patient/xcda", at: SmartInside) with { ResourceTypes = ["MedicationRequest"] },
            ConsentOutcome.Permit),
        ["smart-pcf-disclose"] = new(
            "consent-example-smartonfhir",
            RootType(FhirConsent.ConsentProvisionType.Deny),
            For("Patient/xcda", at: SmartInside) with { ResourceTypes = ["MedicationRequest"], Action = ConsentAction.Disclose },
            ConsentOutcome.Deny),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Decides_as_the_table_says(string name)
    {
        var row = Cases[name];
        var consent = ConsentExamples.Compile(row.Example, row.Change);

        var decision = ConsentDecider.Decide([consent], row.Request, row.Implicit);

        Assert.True(row.Expected == decision.Outcome, $"{name}: expected {row.Expected}, got {decision.Outcome}. {decision.Explanation}");
        if (decision.ImplicitPolicy is null)
        {
            Assert.Equal<string>([consent.Id], decision.ConsentIds);
        }

        Assert.False(string.IsNullOrWhiteSpace(decision.Explanation));
        row.Check?.Invoke(decision);
    }

    [Fact]
    public void Every_spec_consent_example_is_in_the_table_and_compiles()
    {
        var folder = SharedTestData.PathOf("fhir-r4/spec-examples");
        var examples = Directory.GetFiles(folder, "consent-example*.json").Select(Path.GetFileNameWithoutExtension).Order().ToList();

        Assert.Equal(12, examples.Count);
        Assert.Equal(examples, Cases.Values.Select(c => c.Example).Distinct().Order());
        foreach (var example in examples)
        {
            Assert.NotNull(ConsentExamples.Compile(example!));
        }
    }

    private static Action<FhirConsent> RootType(FhirConsent.ConsentProvisionType type) => c => c.Provision!.Type = type;

    private static DataItem Item(string type, string reference) => new() { ResourceType = type, Reference = reference };

    private static CodeKey Label(string system, string code) => new(system, code);

    private sealed record DecisionCase(
        string Example,
        Action<FhirConsent>? Change,
        AccessRequest Request,
        ConsentOutcome Expected,
        ImplicitConsentPolicy Implicit = ImplicitConsentPolicy.DenyAll,
        Action<ConsentDecision>? Check = null);
}
