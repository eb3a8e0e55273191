using Dataspace.ConsentLedger.Consent;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirConsent = Hl7.Fhir.Model.Consent;

namespace Dataspace.ConsentLedger.Tests.Consent;

public sealed class ConsentValidatorTests
{
    public static TheoryData<string> Examples => [.. Directory.GetFiles(SharedTestData.PathOf("fhir-r4/spec-examples"), "consent-example*.json").Select(f => Path.GetFileNameWithoutExtension(f)!)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Spec_examples_have_no_errors(string example)
    {
        var issues = ConsentValidator.Validate(ConsentExamples.Load(example));

        Assert.DoesNotContain(issues, i => i.Severity == ConsentIssueSeverity.Error);
    }

    [Fact]
    public void Untyped_and_redundant_nested_provisions_are_warned_about()
    {
        var pkb = ConsentValidator.Validate(ConsentExamples.Load("consent-example-pkb"));
        var smart = ConsentValidator.Validate(ConsentExamples.Load("consent-example-smartonfhir"));

        Assert.Contains(pkb, i => i is { Severity: ConsentIssueSeverity.Warning, Expression: "Consent.provision.provision[0].type" } && i.Message.Contains("opposite", StringComparison.Ordinal));
        Assert.Contains(smart, i => i is { Severity: ConsentIssueSeverity.Warning, Expression: "Consent.provision.provision[0].type" } && i.Message.Contains("changes no decision", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> Broken => new()
    {
        { "no-patient", "Consent.patient", "required" },
        { "non-patient-reference", "Consent.patient", "value" },
        { "no-status", "Consent.status", "required" },
        { "no-base-decision", "Consent.provision.type", "business-rule" },
        { "no-policy-at-all", "Consent", "invariant" },
        { "unknown-purpose-system", "Consent.provision.purpose[0]", "code-invalid" },
        { "unknown-action-system", "Consent.provision.action[0]", "code-invalid" },
        { "actor-without-reference", "Consent.provision.actor[0].reference", "required" },
        { "period-backwards", "Consent.provision.period", "invariant" },
        { "data-without-meaning", "Consent.provision.provision[0].data[0].meaning", "required" },
        { "code-text-only", "Consent.provision.provision[0].code[0]", "required" },
        { "bad-date-time", "Consent.dateTime", "value" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Invalid_consents_get_a_located_error_and_do_not_compile(string change, string expression, string issueType)
    {
        var consent = ConsentExamples.Load("consent-example-Emergency");
        Break(consent, change);

        var issues = ConsentValidator.Validate(consent);

        Assert.Contains(issues, i => i.Severity == ConsentIssueSeverity.Error && i.Expression == expression && i.IssueType == issueType);
        var thrown = Assert.Throws<InvalidConsentException>(() => ConsentCompiler.Compile(consent));
        Assert.Equal<ConsentIssue>(issues, thrown.Issues);
    }

    [Fact]
    public void A_status_outside_the_value_set_is_an_error()
    {
        var json = File.ReadAllText(SharedTestData.PathOf("fhir-r4/spec-examples/consent-example-Out.json")).Replace("\"status\": \"active\"", "\"status\": \"approved\"", StringComparison.Ordinal);
        var lenient = new FhirJsonDeserializer(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));
        Assert.Contains("approved", json, StringComparison.Ordinal);

        var issues = ConsentValidator.Validate(lenient.Deserialize<FhirConsent>(json));

        Assert.Contains(issues, i => i is { Severity: ConsentIssueSeverity.Error, Expression: "Consent.status", IssueType: "code-invalid" } && i.Message.Contains("approved", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scope_other_than_patient_privacy_is_a_warning()
    {
        var consent = ConsentExamples.Load("consent-example-Out");
        consent.Scope = new CodeableConcept(CodeSystems.ConsentScope, "research");

        var issue = Assert.Single(ConsentValidator.Validate(consent));

        Assert.Equal((ConsentIssueSeverity.Warning, "Consent.scope"), (issue.Severity, issue.Expression));
    }

    private static void Break(FhirConsent consent, string change)
    {
        var root = consent.Provision!;
        switch (change)
        {
            case "no-patient":
                consent.Patient = null!; // Firely types 1..1 elements as non-nullable; the validator must still cope.
                break;
            case "non-patient-reference":
                consent.Patient = new ResourceReference("Group/g1");
                break;
            case "no-status":
                consent.StatusElement = null!;
                break;
            case "no-base-decision":
                consent.PolicyRule = null;
                consent.Policy = [new FhirConsent.PolicyComponent { Uri = "https://profiles.ihe.net/ITI/PCF/Policy-deny" }];
                break;
            case "no-policy-at-all":
                consent.PolicyRule = null;
                break;
            case "unknown-purpose-system":
                root.Purpose = [new Coding("http://example.org/purposes", "ETREAT")];
                break;
            case "unknown-action-system":
                root.Action = [new CodeableConcept("http://example.org/actions", "access")];
                break;
            case "actor-without-reference":
                root.Actor[0].Reference = null!;
                break;
            case "period-backwards":
                root.Period = new Period { Start = "2016-01-01", End = "2015-01-01" };
                break;
            case "data-without-meaning":
                root.Provision[0].Data = [new FhirConsent.provisionDataComponent { Reference = new ResourceReference("Task/example3") }];
                break;
            case "code-text-only":
                root.Provision[0].Code = [new CodeableConcept { Text = "psychiatric notes" }];
                break;
            case "bad-date-time":
                consent.DateTimeElement = new FhirDateTime { Value = "last tuesday" };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, null);
        }
    }
}
