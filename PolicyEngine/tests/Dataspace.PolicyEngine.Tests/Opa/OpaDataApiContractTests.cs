using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Opa;
using Dataspace.PolicyEngine.Operands;
using Microsoft.AspNetCore.Http;
using static Dataspace.PolicyEngine.Tests.Expanded;

namespace Dataspace.PolicyEngine.Tests.Opa;

/// <summary>
/// Contract tests of the OPA client against an in-test server, because OPA cannot be installed here: a real Kestrel server on
/// 127.0.0.1 implements the Data API contract (<c>POST /v1/data/{path}</c>, <c>{"input": …}</c> → <c>{"result": …}</c>)
/// and each test makes it answer as OPA would, fail, hang or refuse.
/// </summary>
public sealed class OpaDataApiContractTests : IAsyncLifetime
{
    private const string O = OdrlIri.Ns;
    private const string DecisionPath = "dataspace/health/decision";

    private static readonly CompiledPolicy ResearchWithPseudonymisation = Scenario.Compile(Policy(
        [Rule(O + "use", [Constraint(O + "purpose", "isAnyOf", Id("research"))], duties: [Rule(HealthPolicyIri.Pseudonymise, target: null)])]));

    private static readonly PolicyRequest Research = Scenario.Request() with { Purpose = "research" };

    // Generous, so a cold first request on a busy machine is not mistaken for an outage; the timeout test sets its own.
    private static readonly TimeSpan Patient = TimeSpan.FromSeconds(10);

    private InTestOpaServer _opa = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _opa = await InTestOpaServer.StartAsync();
        _http = new HttpClient { BaseAddress = _opa.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _opa.DisposeAsync();
    }

    [Fact]
    public async Task Local_permit_and_opa_permit_permit_and_opa_sees_the_evaluator_input()
    {
        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.True(decision.IsPermitted);
        Assert.Equal("permitted with duties: pseudonymise", decision.ToSafeReason());
        var input = _opa.LastInput;
        Assert.Equal("https://hrs.example/policy/1", input.GetProperty("policyUid").GetString());
        Assert.Equal(PurposeOfUse.HealthResearch, input.GetProperty("request").GetProperty("purpose").GetString());
        Assert.Contains(PurposeOfUse.ScientificResearch, Strings(input.GetProperty("request").GetProperty("purposes")));
        Assert.Equal(["EEA", "EU"], Strings(input.GetProperty("request").GetProperty("countryGroups")));
        Assert.Equal("permit", input.GetProperty("decision").GetProperty("effect").GetString());
        Assert.Equal([HealthPolicyIri.Pseudonymise], Strings(input.GetProperty("decision").GetProperty("duties")));
    }

    [Fact]
    public async Task Opa_deny_overrides_a_local_permit()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, """{"result": false}""");

        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.True(decision.Local.IsPermitted);
        Assert.False(decision.IsPermitted);
        Assert.Equal(OpaOutcome.Deny, decision.External!.Outcome);
        Assert.Equal("denied by external policy", decision.ToSafeReason());
    }

    [Fact]
    public async Task Local_deny_stays_deny_and_opa_is_not_asked()
    {
        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Scenario.Request());

        Assert.False(decision.IsPermitted);
        Assert.Null(decision.External);
        Assert.Equal("denied: purpose not permitted", decision.ToSafeReason());
        Assert.Equal(0, _opa.Hits);
    }

    [Fact]
    public async Task Allow_object_form_permits_and_its_deny_reasons_reach_the_operator_only()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, """{"result": {"allow": true}, "decision_id": "d1"}""");
        Assert.True((await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research)).IsPermitted);

        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, """{"result": {"allow": false, "reasons": ["treatment outside the EEA"]}}""");
        var denied = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(denied.IsPermitted);
        Assert.Equal("denied by external policy", denied.ToSafeReason());
        Assert.Contains("treatment outside the EEA", denied.ToFullExplanation(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"result": "true"}""")]
    [InlineData("""{"result": 1}""")]
    [InlineData("""{"result": null}""")]
    [InlineData("""{"result": []}""")]
    [InlineData("""{"result": {"allow": "true"}}""")]
    [InlineData("""{"result": {"permit": true}}""")]
    public async Task Any_result_other_than_true_or_allow_true_denies(string body)
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, body);

        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(decision.IsPermitted);
        Assert.True(OpaOutcome.Deny == decision.External!.Outcome, decision.External.Detail);
    }

    [Fact]
    public async Task Missing_result_for_an_undefined_document_denies()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, "{}");

        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(decision.IsPermitted);
        Assert.Equal(OpaOutcome.Undefined, decision.External!.Outcome);
        Assert.Equal("denied by external policy", decision.ToSafeReason());
    }

    [Fact]
    public async Task Timeout_fails_closed_without_waiting_for_the_server()
    {
        _opa.Answer = (context, _, _) => Task.Delay(Timeout.Infinite, context.RequestAborted);
        var clock = Stopwatch.StartNew();

        var decision = await SecondOpinion(new OpaOptions { DecisionPath = DecisionPath, Timeout = TimeSpan.FromMilliseconds(200) })
            .DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(decision.IsPermitted);
        Assert.Equal(OpaOutcome.Unavailable, decision.External!.Outcome);
        Assert.Equal("denied: external policy unavailable", decision.ToSafeReason());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Server_error_fails_closed()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, """{"code": "internal_error"}""", StatusCodes.Status500InternalServerError);

        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(decision.IsPermitted);
        Assert.Equal(OpaOutcome.Unavailable, decision.External!.Outcome);
        Assert.Contains("500", decision.External.Detail, StringComparison.Ordinal);
        Assert.Equal("denied: external policy unavailable", decision.ToSafeReason());
    }

    [Fact]
    public async Task An_unreadable_body_fails_closed()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, "<html>gateway</html>");

        var decision = await SecondOpinion().DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(decision.IsPermitted);
        Assert.Equal(OpaOutcome.Unavailable, decision.External!.Outcome);
    }

    [Fact]
    public async Task Connection_refused_fails_closed()
    {
        using var refusing = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{UnusedPort()}/") };

        var decision = await OpaSecondOpinion.Create(refusing, new OpaOptions { DecisionPath = DecisionPath, Timeout = Patient })
            .DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(decision.IsPermitted);
        Assert.Equal(OpaOutcome.Unavailable, decision.External!.Outcome);
        Assert.Equal("denied: external policy unavailable", decision.ToSafeReason());
    }

    [Fact]
    public async Task Circuit_opens_after_the_failure_threshold_and_then_denies_without_calling_opa()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, "{}", StatusCodes.Status503ServiceUnavailable);
        var opa = SecondOpinion(new OpaOptions { DecisionPath = DecisionPath, Timeout = Patient, FailureThreshold = 3, BreakDuration = TimeSpan.FromMinutes(5) });

        for (var i = 0; i < 3; i++)
        {
            Assert.False((await opa.DecideAsync(ResearchWithPseudonymisation, Research)).IsPermitted);
        }

        Assert.Equal(3, _opa.Hits);
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, """{"result": true}""");

        var whileOpen = await opa.DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.False(whileOpen.IsPermitted);
        Assert.Equal(OpaOutcome.Unavailable, whileOpen.External!.Outcome);
        Assert.Contains("circuit open", whileOpen.External.Detail, StringComparison.Ordinal);
        Assert.Equal(3, _opa.Hits);
    }

    [Fact]
    public async Task Circuit_lets_a_trial_query_through_after_the_break_and_closes_when_opa_recovers()
    {
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, "{}", StatusCodes.Status500InternalServerError);
        var clock = new ShiftedTimeProvider();
        var options = new OpaOptions { DecisionPath = DecisionPath, Timeout = Patient, FailureThreshold = 2, BreakDuration = TimeSpan.FromMinutes(5) };
        var opa = OpaSecondOpinion.Create(_http, options, clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.False((await opa.DecideAsync(ResearchWithPseudonymisation, Research)).IsPermitted);
        }

        Assert.Equal(2, _opa.Hits);
        _opa.Answer = (context, _, _) => InTestOpaServer.WriteAsync(context, """{"result": true}""");
        clock.Offset = options.BreakDuration + TimeSpan.FromSeconds(1);

        Assert.True((await opa.DecideAsync(ResearchWithPseudonymisation, Research)).IsPermitted);
        Assert.True((await opa.DecideAsync(ResearchWithPseudonymisation, Research)).IsPermitted);
        Assert.Equal(4, _opa.Hits);
    }

    [Fact]
    public async Task A_decision_path_with_slashes_reaches_the_nested_route_unescaped()
    {
        _opa.Answer = (context, path, _) => InTestOpaServer.WriteAsync(context, path == "dataspace/health/decision" ? """{"result": true}""" : "{}");

        var decision = await SecondOpinion(new OpaOptions { DecisionPath = "/dataspace/health/decision", Timeout = Patient }).DecideAsync(ResearchWithPseudonymisation, Research);

        Assert.True(decision.IsPermitted);
        Assert.Equal("dataspace/health/decision", _opa.LastPath);
        Assert.Equal("/v1/data/dataspace/health/decision", _opa.LastRawTarget);
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private OpaSecondOpinion SecondOpinion(OpaOptions? options = null) =>
        OpaSecondOpinion.Create(_http, options ?? new OpaOptions { DecisionPath = DecisionPath, Timeout = Patient });
}
