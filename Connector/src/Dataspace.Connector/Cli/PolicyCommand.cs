using System.CommandLine;

namespace Dataspace.Connector.Cli;

/// <summary><c>dataspace policy eval POLICY REQUEST</c> and <c>dataspace policy lint FILE|DIR</c>: the ODRL engine on local files, offline.</summary>
public static class PolicyCommand
{
    /// <summary>Exit code of <c>eval</c> for Permit, and of <c>lint</c> when no finding is an error.</summary>
    public const int Success = 0;

    /// <summary>Exit code of <c>eval</c> for Deny, and of <c>lint</c> when a finding is an error.</summary>
    public const int DeniedOrErrorFinding = 1;

    /// <summary>Exit code for a usage error or an input that cannot be read or parsed.</summary>
    public const int InputError = CliUsage.ExitCode;

    /// <summary>Builds the command and its two subcommands.</summary>
    public static Command Create()
    {
        var command = new Command(
            "policy",
            "Evaluate or lint ODRL 2.2 policies written in JSON-LD (compact under the bundled ODRL 2.2 or DSP 2025-1 context, or expanded).")
        {
            Eval(),
            Lint(),
        };
        command.Action = new PolicyUsageAction("Choose a subcommand: eval or lint.");
        return command;
    }

    private static Command Eval()
    {
        var policy = new Argument<FileInfo>("POLICY") { Description = "ODRL policy, JSON-LD." };
        var request = new Argument<FileInfo>("REQUEST")
        {
            Description = "Request, JSON: action (\"use\" or an IRI), target, participant, now, role, country, purpose, agreementTime, "
                + "useCount, targetPartOf, memberships, consentedPurposes, fulfilledDuties, violatedDuties, claims.",
        };
        var json = new Option<bool>("--json") { Description = "Print the decision and its explanation as JSON." };
        var command = new Command("eval", "Decide a request against a policy; exit 0 on Permit, 1 on Deny, 2 on an input error.")
        {
            policy, request, json,
        };
        command.Action = new PolicyEvalAction(policy, request, json);
        return command;
    }

    private static Command Lint()
    {
        var path = new Argument<FileSystemInfo>("PATH") { Description = "A policy file, or a folder whose *.json and *.jsonld files are linted." };
        var json = new Option<bool>("--json") { Description = "Print the findings as JSON." };
        var now = new Option<DateTimeOffset?>("--now")
        {
            Description = "The current time (ISO 8601) for the date checks; defaults to the clock.",
        };
        var phi = new Option<string[]>("--phi")
        {
            Description = "A target IRI holding personal health data (repeatable).",
        };
        var command = new Command("lint", "Lint policies; exit 1 if any finding is an error, 2 on an input error.")
        {
            path, json, now, phi,
        };
        command.Action = new PolicyLintAction(path, json, now, phi);
        return command;
    }
}
