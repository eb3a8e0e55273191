using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;

namespace Dataspace.PolicyEngine.Tests.SolidLab;

/// <summary>
/// Runs one SolidLab case through the engine: the policy graph becomes expanded JSON-LD for <see cref="PolicyParser"/>, the
/// request and the state of the world become a <see cref="PolicyRequest"/>, and each rule's activation is compared with
/// the expected compliance report.
/// </summary>
/// <remarks>
/// SolidLab reads duties as "eventually": a permission whose duty is not yet fulfilled is still Active (the caller must
/// then fulfil it), which is this engine's Permit-with-duties; only a violated duty deactivates it. So a rule counts as
/// active when it applies to the request (action, target, party), its constraints hold and no active duty is violated.
/// </remarks>
internal static class SolidLabEvaluation
{
    private const string Odrl = OdrlIri.Ns;
    private const string Report = "https://w3id.org/force/compliance-report#";
    private const string Issued = "http://purl.org/dc/terms/issued";
    private const string CurrentTime = "http://example.com/request/currentTime";

    public static SolidLabOutcome Run(SolidLabCase testCase)
    {
        var expected = ExpectedActivation(TurtleGraph.Load(testCase.ExpectedReport));
        using var policy = JsonDocument.Parse(TurtleGraph.Load(testCase.Policy).ToExpandedJsonLd().ToJsonString());
        var parsed = PolicyParser.Parse(policy.RootElement);
        if (!parsed.IsSuccess)
        {
            return new SolidLabOutcome(testCase, ["policy rejected: " + string.Join("; ", parsed.Errors)], "");
        }

        var decision = CompiledPolicy.Compile(parsed.Policy, OperandRegistry.Default).Evaluate(Request(testCase));
        var mismatches = new List<string>();
        foreach (var (rule, active) in expected)
        {
            var reports = decision.Rules.Where(r => r.Rule.Uid == rule).ToList();
            if (reports.Count == 0)
            {
                mismatches.Add($"rule {rule} is not in the evaluated policy");
                continue;
            }

            var actual = reports.Any(r => r.IsApplicable && r.ConstraintsSatisfied && !r.Duties.Any(d => d.IsActive && d.IsViolated == true));
            if (actual != active)
            {
                mismatches.Add($"rule {rule}: {(actual ? "Active" : "Inactive")}, expected {(active ? "Active" : "Inactive")}");
            }
        }

        return new SolidLabOutcome(testCase, mismatches, decision.ToFullExplanation());
    }

    private static List<(string Rule, bool Active)> ExpectedActivation(TurtleGraph report) =>
        report.SubjectsOfType(Report + "PermissionReport")
            .Concat(report.SubjectsOfType(Report + "ProhibitionReport"))
            .Select(r => (report.Object(r, Report + "rule")!.Value, report.Object(r, Report + "activationState")!.Value == Report + "Active"))
            .ToList();

    private static PolicyRequest Request(SolidLabCase testCase)
    {
        var request = TurtleGraph.Load(testCase.Request);
        var asked = request.Object(request.SubjectsOfType(Odrl + "Request").Single(), Odrl + "permission")!;
        var party = request.Object(asked, Odrl + "assignee")!.Value;
        var target = request.Object(asked, Odrl + "target")!.Value;

        var world = TurtleGraph.Load(testCase.StateOfTheWorld);
        var now = world.Object(TurtleTerm.Iri(CurrentTime), Issued)!.Value;
        var memberships = world.WithPredicate(Odrl + "partOf").ToList();
        // A duty report's deontic state: Fulfilled and Violated are recorded; NonSet leaves the duty pending.
        var duties = world.SubjectsOfType(Report + "DutyReport")
            .Select(d => (Rule: world.Object(d, Report + "rule")!.Value, State: world.Object(d, Report + "deonticState")?.Value))
            .ToList();
        return new PolicyRequest
        {
            Action = request.Object(asked, Odrl + "action")!.Value,
            Target = target,
            Participant = party,
            Now = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            Memberships = [.. memberships.Where(t => t.Subject.Value == party).Select(t => t.Object.Value)],
            TargetPartOf = [.. memberships.Where(t => t.Subject.Value == target).Select(t => t.Object.Value)],
            FulfilledDuties = duties.Where(d => d.State == Report + "Fulfilled").Select(d => d.Rule).ToFrozenSet(StringComparer.Ordinal),
            ViolatedDuties = duties.Where(d => d.State == Report + "Violated").Select(d => d.Rule).ToFrozenSet(StringComparer.Ordinal),
        };
    }
}
