using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>The W3C JSON-LD API suite driven through <c>dataspace jsonld</c> as an outside harness would (local files, --map, --base, one flag per test option), so the wiring of every option is proven on the CLI path.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class JsonLdCommandConformanceTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("expand", 300)]
    [InlineData("compact", 200)]
    [InlineData("flatten", 50)]
    [InlineData("toRdf", 300)]
    public async Task Every_applicable_test_of_the_manifest_passes_through_the_cli(string manifest, int atLeast)
    {
        var tests = W3cJsonLdSuite.Tests(manifest);
        var failures = new List<string>();
        foreach (var test in tests)
        {
            var args = test.Arguments();
            var run = await CliRun.InvokeAsync(args);
            if (Failure(test, run) is { } failure)
            {
                failures.Add($"{test.FullId}: {failure}\n  dataspace {string.Join(' ', args)}");
            }
        }

        output.WriteLine($"{manifest}: {tests.Count - failures.Count}/{tests.Count} passed through the CLI");
        Assert.True(tests.Count >= atLeast, $"{manifest}: only {tests.Count} tests found");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string? Failure(W3cJsonLdTest test, CliRun run)
    {
        if (test.IsNegative)
        {
            var prefix = $"jsonld: {test.ExpectErrorCode}: ";
            return run.ExitCode == 1 && run.Error.StartsWith(prefix, StringComparison.Ordinal)
                ? null
                : $"expected exit 1 and '{prefix}…', got exit {run.ExitCode}: {run.Error.Trim()}";
        }

        if (run.ExitCode != 0)
        {
            return $"exit {run.ExitCode}: {run.Error.Trim()}";
        }

        if (test.IsSyntaxOnly)
        {
            return null;
        }

        var expected = File.ReadAllText(W3cJsonLdTest.LocalPath(test.Expect!));
        var same = test.Manifest == "toRdf"
            ? NQuadsEquivalence.Isomorphic(expected, run.Out)
            : JsonLdEquivalence.Equivalent(JsonNode.Parse(expected), JsonNode.Parse(run.Out));
        return same ? null : $"output differs\nexpected:\n{expected}\nactual:\n{run.Out}";
    }
}
