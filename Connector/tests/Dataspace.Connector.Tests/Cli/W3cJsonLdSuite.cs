using System.Text.Json.Nodes;
using Dataspace.Connector.Tests.Support;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>The W3C JSON-LD 1.1 API test manifests (shared test data), read for driving the CLI the way an outside harness would.</summary>
public static class W3cJsonLdSuite
{
    /// <summary>The URL the suite is published under; mapped onto the local copy with --map.</summary>
    public const string BaseIri = "https://w3c.github.io/json-ld-api/tests/";

    /// <summary>The local folder holding the manifests and test files.</summary>
    public static string Folder => Path.Combine(TestPaths.SharedTestData, "jsonld-api", "tests");

    /// <summary>The tests of one manifest that apply to a JSON-LD 1.1 processor (those pinned to specVersion 1.0 are left out).</summary>
    public static IReadOnlyList<W3cJsonLdTest> Tests(string manifest)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, manifest + "-manifest.jsonld")))!;
        return root["sequence"]!.AsArray()
            .Select(node => node!.AsObject())
            .Where(test => test["option"]?["specVersion"]?.GetValue<string>() != "json-ld-1.0")
            .Select(test => new W3cJsonLdTest(
                manifest,
                test["@id"]!.GetValue<string>(),
                test["@type"]!.AsArray().Select(t => t!.GetValue<string>()).ToList(),
                test["input"]!.GetValue<string>(),
                test["expect"]?.GetValue<string>(),
                test["expectErrorCode"]?.GetValue<string>(),
                test["context"]?.GetValue<string>(),
                test["option"]?.AsObject() ?? []))
            .ToList();
    }
}
