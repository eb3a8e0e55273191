using System.Text.Json.Nodes;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class PolicyCommandTests : IDisposable
{
    private static readonly string Examples = Path.Combine(TestPaths.RepositoryRoot, "PolicyEngine", "examples");
    private static readonly string EmergencyOffer = Path.Combine(Examples, "emergency-treatment-offer.jsonld");
    private static readonly string ResearchOffer = Path.Combine(Examples, "research-offer.jsonld");

    private readonly string _temp = TestPaths.NewTempFolder();

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    [Fact]
    public async Task Eval_permits_the_ambulance_crew_and_prints_duties_and_the_explanation_tree()
    {
        var run = await CliRun.InvokeAsync("policy", "eval", EmergencyOffer, Request("ambulance-emergency.json"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Decision: Permit", run.Out, StringComparison.Ordinal);
        Assert.Contains("odrl:inform (https://hrs.example/policy/ambulance-emergency-treatment#inform-patient)", run.Out, StringComparison.Ordinal);
        Assert.Contains("[ok]   odrl:purpose isA \"emergency-treatment\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("└── ", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Eval_denies_billing_with_exit_code_1_and_names_the_failed_constraints()
    {
        var run = await CliRun.InvokeAsync("policy", "eval", EmergencyOffer, Request("ambulance-billing.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Decision: Deny", run.Out, StringComparison.Ordinal);
        Assert.Contains("Reason: denied: purpose not permitted; role not permitted", run.Out, StringComparison.Ordinal);
        Assert.Contains("[FAIL] urn:dataspace:policy:role isAnyOf", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_json_carries_the_pseudonymisation_duty_and_the_full_tree()
    {
        var run = await CliRun.InvokeAsync("policy", "eval", ResearchOffer, Request("research-eu.json"), "--json");

        Assert.Equal(0, run.ExitCode);
        var output = JsonNode.Parse(run.Out)!;
        Assert.Equal("Permit", output["decision"]!.GetValue<string>());
        Assert.True(output["requiresPseudonymisation"]!.GetValue<bool>());
        Assert.Equal("urn:dataspace:policy:pseudonymise", output["duties"]![0]!["action"]!.GetValue<string>());
        var rule = output["rules"]![0]!;
        Assert.Equal(["purpose", "country", "consent"], rule["constraints"]!.AsArray().Select(c => c!["label"]!.GetValue<string>()));
        Assert.Equal("isPartOf", rule["constraints"]![1]!["operator"]!.GetValue<string>());
        Assert.False(rule["duties"]![0]!["fulfilled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Eval_denies_research_outside_the_eu()
    {
        var run = await CliRun.InvokeAsync("policy", "eval", ResearchOffer, Request("research-outside-eu.json"), "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("denied: country not permitted", JsonNode.Parse(run.Out)!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Eval_denies_when_the_pseudonymisation_duty_was_violated()
    {
        var request = Write("violated.json", """
            {"action": "use", "target": "https://hrs.example/ds/icu-cohort", "participant": "did:web:uni.example", "now": "2026-11-30T08:00:00Z",
             "country": "DE", "purpose": "research", "consentedPurposes": ["research"],
             "violatedDuties": ["https://hrs.example/policy/icu-cohort-research#pseudonymise"]}
            """);

        var run = await CliRun.InvokeAsync("policy", "eval", ResearchOffer, request);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Reason: denied: a duty of the permission was violated", run.Out, StringComparison.Ordinal);
        Assert.Contains("urn:dataspace:policy:pseudonymise: active, violated", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_reads_the_same_offer_inside_a_dsp_message()
    {
        var policy = Write("offer-message.json", """
            {"@context": ["https://w3id.org/dspace/2025/1/context.jsonld"], "@type": "ContractOfferMessage",
             "providerPid": "urn:uuid:p", "consumerPid": "urn:uuid:c",
             "offer": {"@type": "Offer", "@id": "https://hrs.example/policy/icu-cohort-research", "target": "https://hrs.example/ds/icu-cohort",
               "permission": [{"action": "use", "constraint": [
                 {"leftOperand": "odrl:purpose", "operator": "isA", "rightOperand": "research"},
                 {"leftOperand": "odrl:spatial", "operator": "isPartOf", "rightOperand": "EU"}]}]}}
            """);

        Assert.Equal(0, (await CliRun.InvokeAsync("policy", "eval", policy, Request("research-eu.json"))).ExitCode);
        Assert.Equal(1, (await CliRun.InvokeAsync("policy", "eval", policy, Request("research-outside-eu.json"))).ExitCode);
    }

    [Fact]
    public async Task Eval_accepts_an_action_iri_and_defaults_missing_lists()
    {
        var request = Write("read.json", """
            {"action": "http://www.w3.org/ns/odrl/2/read", "target": "https://hrs.example/ds/ambulance-vitals", "participant": "did:web:samu.lu",
             "now": "2026-11-30T08:00:00+01:00", "role": "hospital", "country": "LU", "purpose": "ETREAT"}
            """);

        var run = await CliRun.InvokeAsync("policy", "eval", EmergencyOffer, request);

        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("""{"action": "use", "target": "urn:t"}""", "missing field 'participant'")]
    [InlineData("""{"action": "use", "target": "urn:t", "participant": "did:web:x", "purpsoe": "research"}""", "unknown field 'purpsoe'")]
    [InlineData("""{"action": "use", "target": "urn:t", "participant": "did:web:x", "now": "yesterday"}""", "'now' must be an ISO 8601 date-time")]
    [InlineData("""{"action": "use", "target": "urn:t", "participant": "did:web:x", "useCount": -1}""", "'useCount' must be a non-negative integer")]
    [InlineData("""["use"]""", "the request must be a JSON object")]
    [InlineData("""{"action": """, "not valid JSON")]
    public async Task Eval_exits_2_on_a_bad_request(string json, string problem)
    {
        var run = await CliRun.InvokeAsync("policy", "eval", EmergencyOffer, Write("request.json", json));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(problem, run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Eval_exits_2_with_the_json_ld_error_code_for_a_broken_policy()
    {
        var policy = Write("broken.jsonld", """{"@context": {"odrl": "http://www.w3.org/ns/odrl/2/"}, "@id": 7, "@type": "odrl:Set"}""");

        var run = await CliRun.InvokeAsync("policy", "eval", policy, Request("research-eu.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("invalid @id value", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("policy")]
    [InlineData("policy", "eval", "only-one-argument.json")]
    [InlineData("policy", "lint")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_finds_nothing_in_the_shipped_examples_even_as_phi()
    {
        var run = await CliRun.InvokeAsync(
            "policy", "lint", Examples, "--phi", "https://hrs.example/ds/icu-cohort", "--phi", "https://hrs.example/ds/ambulance-vitals");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No findings in 2 policy file(s).", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_reports_errors_in_a_table_and_exits_1()
    {
        Write("open.jsonld", """
            {"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:policy:open",
             "permission": [{"target": "https://hrs.example/ds/icu", "action": "use"}]}
            """);
        Write("notes.json", """{"title": "not a policy"}""");
        File.WriteAllText(Path.Combine(_temp, "readme.txt"), "ignored: neither .json nor .jsonld");

        var run = await CliRun.InvokeAsync("policy", "lint", _temp, "--phi", "https://hrs.example/ds/icu");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("phi-without-purpose", run.Out, StringComparison.Ordinal);
        Assert.Contains("parse-error", run.Out, StringComparison.Ordinal);
        Assert.Contains("│ Severity │", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("readme.txt", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_json_and_now_fix_the_clock_for_the_date_checks()
    {
        var policy = Write("window.jsonld", """
            {"@context": "http://www.w3.org/ns/odrl.jsonld", "@type": "Offer", "uid": "urn:policy:window",
             "permission": [{"target": "https://hrs.example/ds/open-data", "action": "read",
               "constraint": [{"leftOperand": "dateTime", "operator": "gteq", "rightOperand": {"@value": "2025-01-01T00:00:00Z", "@type": "xsd:dateTime"}}]}]}
            """);

        var before = JsonNode.Parse((await CliRun.InvokeAsync("policy", "lint", policy, "--json", "--now", "2024-06-01T00:00:00Z")).Out)!;
        var after = JsonNode.Parse((await CliRun.InvokeAsync("policy", "lint", policy, "--json", "--now", "2026-06-01T00:00:00Z")).Out)!;

        Assert.Empty(before["files"]![0]!["findings"]!.AsArray());
        Assert.Contains(after["files"]![0]!["findings"]!.AsArray(), f => f!["code"]!.GetValue<string>() == "date-in-past");
    }

    [Fact]
    public async Task Lint_exits_2_for_a_missing_path()
    {
        var run = await CliRun.InvokeAsync("policy", "lint", Path.Combine(_temp, "missing"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file or folder", run.Error, StringComparison.Ordinal);
    }

    private static string Request(string name) => Path.Combine(Examples, "requests", name);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_temp, name);
        File.WriteAllText(path, content);
        return path;
    }
}
