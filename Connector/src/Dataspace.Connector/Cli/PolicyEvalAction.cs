using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dataspace.PolicyEngine.Evaluation;
using Dataspace.PolicyEngine.Odrl;
using Dataspace.PolicyEngine.Operands;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary>Runs <c>dataspace policy eval</c>: parses the policy and the request, decides, prints the decision with its explanation.</summary>
public sealed class PolicyEvalAction(Argument<FileInfo> policy, Argument<FileInfo> request, Option<bool> json) : PolicyCommandAction
{
    private static readonly JsonSerializerOptions OutputJson = new()
    {
        WriteIndented = true,
        // Output goes to a terminal or a file, never into HTML, so IRIs and non-ASCII text stay readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    protected override int Run(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var parsed = PolicyFile.ReadValid(parseResult.GetRequiredValue(policy));
        var evaluated = PolicyRequestFile.Read(parseResult.GetRequiredValue(request), TimeProvider.System);
        var decision = CompiledPolicy.Compile(parsed, OperandRegistry.Default).Evaluate(evaluated);
        if (parseResult.GetValue(json))
        {
            Console.Out.WriteLine(PolicyDecisionJson.Write(decision, parsed.Uid).ToJsonString(OutputJson));
        }
        else
        {
            Write(PolicyConsole.Create(), decision, parsed.Uid);
        }

        Console.Out.Flush();
        return decision.IsPermitted ? PolicyCommand.Success : PolicyCommand.DeniedOrErrorFinding;
    }

    private static void Write(IAnsiConsole console, PolicyDecision decision, string policyUid)
    {
        console.MarkupLine(decision.IsPermitted ? "Decision: [bold green]Permit[/]" : "Decision: [bold red]Deny[/]");
        console.WriteLine("Reason: " + decision.ToSafeReason());
        if (decision.Duties.Count > 0)
        {
            console.WriteLine("Duties to fulfil before release:");
            foreach (var duty in decision.Duties)
            {
                console.WriteLine($"  - {OdrlIri.Abbreviate(duty.Action.Iri)}{(duty.Uid is null ? "" : $" ({duty.Uid})")}");
            }
        }

        console.WriteLine();
        console.Write(PolicyExplanationTree.Build(decision, policyUid));
    }
}
