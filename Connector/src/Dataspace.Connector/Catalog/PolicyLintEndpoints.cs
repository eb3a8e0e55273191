using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.PolicyEngine.Lint;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Catalog;

/// <summary>
/// Policy lint on the management API: for a draft (<c>POST /policies/lint</c>) or a stored policy
/// (<c>GET /policies/{id}/lint</c>), where whether it guards personal health data follows from the assets it is offered on.
/// </summary>
public static class PolicyLintEndpoints
{
    /// <summary>Maps the lint endpoints on the policies group.</summary>
    public static void MapPolicyLint(this RouteGroupBuilder policies)
    {
        policies.MapPost("/lint", LintDraftAsync).Accepts<PolicyLintRequest>("application/json")
            .WithSummary("Lint a draft ODRL policy: conflicts, unsatisfiable constraints, past dates, PHI without purpose, research without pseudonymisation.");
        policies.MapGet("/{id}/lint", LintStoredAsync)
            .WithSummary("Lint a stored policy; it counts as guarding PHI when a contract definition offers it on assets with personal data.");
    }

    private static async Task<IResult> LintDraftAsync(HttpContext context, IOptions<ConnectorOptions> options, TimeProvider time)
    {
        using var body = await RequestJson.ReadObjectAsync(context.Request, options.Value.Limits, context.RequestAborted);
        if (body.Document is null)
            return Problems.Body(body);
        var (request, error) = CatalogJson.Read<PolicyLintRequest>(body.Document.RootElement);
        if (request is null)
            return Problems.BadRequest(error!);
        return Lint(request.Policy, request.AppliesToPhi, time);
    }

    private static async Task<IResult> LintStoredAsync(string id, CatalogStores stores, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = await stores.Policies.GetAsync(id, cancellationToken);
        if (stored is null)
            return Problems.NotFound("No policy with that id.");
        var assets = await stores.Assets.AllAsync(cancellationToken);
        var guardsPhi = (await stores.ContractDefinitions.AllAsync(cancellationToken))
            .Where(d => d.ContractPolicyId == id)
            .Any(d => assets.Any(a => a.Description.PersonalData.Count > 0 && d.ToDefinition().AssetSelector.Matches(a)));
        return Lint(stored.Policy, guardsPhi, time);
    }

    private static IResult Lint(JsonElement policy, bool appliesToPhi, TimeProvider time)
    {
        var (prepared, problems) = PolicyLibrary.Prepare(policy);
        if (prepared is null)
            return Problems.Validation(problems.Select(p => ("policy", p)));
        var findings = PolicyLinter.Lint(prepared.Compiled.Policy, new LintContext { Now = time.GetUtcNow(), AppliesToPhi = appliesToPhi });
        return Results.Ok(new PolicyLintReport(findings.All(f => f.Severity != LintSeverity.Error),
            findings.Select(f => new PolicyLintFinding(f.Severity.ToString().ToLowerInvariant(), f.Code, f.Path, f.Message)).ToList()));
    }
}

/// <summary>A draft policy to lint.</summary>
/// <param name="Policy">ODRL JSON-LD in any bundled context.</param>
/// <param name="AppliesToPhi">Whether the policy will guard personal health data.</param>
public sealed record PolicyLintRequest(JsonElement Policy, bool AppliesToPhi = false);

/// <summary>Lint findings; <c>Clean</c> is false when any finding is an error.</summary>
/// <param name="Clean">No error-severity finding.</param>
/// <param name="Findings">Every finding.</param>
public sealed record PolicyLintReport(bool Clean, IReadOnlyList<PolicyLintFinding> Findings);

/// <summary>One lint finding.</summary>
/// <param name="Severity">error, warning or info.</param>
/// <param name="Code">Stable finding code.</param>
/// <param name="Path">Where in the policy.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PolicyLintFinding(string Severity, string Code, string Path, string Message);
