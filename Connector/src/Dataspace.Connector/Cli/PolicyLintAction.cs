using System.Collections.Frozen;
using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.PolicyEngine.Lint;
using Spectre.Console;

namespace Dataspace.Connector.Cli;

/// <summary>Runs <c>dataspace policy lint</c>: lints one policy file or every *.json and *.jsonld file of a folder and prints the findings.</summary>
public sealed class PolicyLintAction(
    Argument<FileSystemInfo> path,
    Option<bool> json,
    Option<DateTimeOffset?> now,
    Option<string[]> phi) : PolicyCommandAction
{
    /// <summary>The code of a finding for a file that is not a valid ODRL policy (malformed JSON, JSON-LD or ODRL).</summary>
    public const string ParseErrorCode = "parse-error";

    private static readonly JsonSerializerOptions OutputJson = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <inheritdoc />
    protected override int Run(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var files = Files(parseResult.GetRequiredValue(path));
        var context = new LintContext
        {
            Now = parseResult.GetValue(now) ?? TimeProvider.System.GetUtcNow(),
            PhiTargets = (parseResult.GetValue(phi) ?? []).ToFrozenSet(StringComparer.Ordinal),
        };
        var results = files.Select(f => (File: f, Findings: Lint(f, context))).ToList();
        if (parseResult.GetValue(json))
        {
            Console.Out.WriteLine(Json(results).ToJsonString(OutputJson));
        }
        else
        {
            Write(PolicyConsole.Create(), results);
        }

        Console.Out.Flush();
        return results.Any(r => r.Findings.Any(f => f.Severity == LintSeverity.Error)) ? PolicyCommand.DeniedOrErrorFinding : PolicyCommand.Success;
    }

    private static List<FileInfo> Files(FileSystemInfo target)
    {
        if (File.Exists(target.FullName))
        {
            return [new FileInfo(target.FullName)];
        }

        if (!Directory.Exists(target.FullName))
        {
            throw new PolicyInputException($"no such file or folder: '{target.FullName}'");
        }

        var files = new DirectoryInfo(target.FullName).EnumerateFiles()
            .Where(f => f.Extension is ".json" or ".jsonld")
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        return files.Count > 0 ? files : throw new PolicyInputException($"no *.json or *.jsonld file in '{target.FullName}'");
    }

    // A file that is not a policy at all is an error finding, so a folder lint reports every file instead of stopping at the first.
    private static IReadOnlyList<LintFinding> Lint(FileInfo file, LintContext context)
    {
        var parsed = PolicyFile.Read(file);
        return parsed.IsSuccess
            ? PolicyLinter.Lint(parsed.Policy, context)
            : [.. parsed.Errors.Select(e => new LintFinding(LintSeverity.Error, e.JsonLdCode is { } code ? $"jsonld: {code}" : ParseErrorCode, e.Message, e.Path))];
    }

    private static void Write(IAnsiConsole console, List<(FileInfo File, IReadOnlyList<LintFinding> Findings)> results)
    {
        var count = results.Sum(r => r.Findings.Count);
        if (count == 0)
        {
            console.WriteLine($"No findings in {results.Count} policy file(s).");
            return;
        }

        var table = new Table().AddColumns("File", "Severity", "Code", "Path", "Message");
        foreach (var (file, findings) in results)
        {
            foreach (var finding in findings)
            {
                var severity = finding.Severity.ToString().ToLowerInvariant();
                var colour = finding.Severity switch
                {
                    LintSeverity.Error => "red",
                    LintSeverity.Warning => "yellow",
                    _ => "grey",
                };
                table.AddRow(
                    new Text(file.Name),
                    new Markup($"[{colour}]{severity}[/]"),
                    new Text(finding.Code),
                    new Text(finding.Path),
                    new Text(finding.Message));
            }
        }

        console.Write(table);
        var errors = results.Sum(r => r.Findings.Count(f => f.Severity == LintSeverity.Error));
        console.WriteLine($"{count} finding(s), {errors} error(s) in {results.Count} policy file(s).");
    }

    private static JsonObject Json(List<(FileInfo File, IReadOnlyList<LintFinding> Findings)> results) => new()
    {
        ["errors"] = results.Sum(r => r.Findings.Count(f => f.Severity == LintSeverity.Error)),
        ["files"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
        {
            ["file"] = r.File.FullName,
            ["findings"] = new JsonArray([.. r.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["severity"] = f.Severity.ToString().ToLowerInvariant(),
                ["code"] = f.Code,
                ["path"] = f.Path,
                ["message"] = f.Message,
            })]),
        })]),
    };
}
