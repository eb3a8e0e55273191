using System.Text.Json;
using Json.Schema;

namespace Dataspace.Connector.Tests.Support;

/// <summary>The official DSP 2025-1 JSON Schemas from the shared test data, resolvable by their <c>$id</c>.</summary>
public static class DspSchemas
{
    private const string IdBase = "https://w3id.org/dspace/2025/1/";

    private static readonly Lazy<BuildOptions> Options = new(Load);

    /// <summary>Validates <paramref name="message"/> against the schema at <paramref name="relativeId"/> (e.g. <c>catalog/catalog-schema.json</c>); returns the errors.</summary>
    public static IReadOnlyList<string> Validate(string relativeId, JsonElement message)
    {
        var schema = Options.Value.SchemaRegistry.Get(new Uri(IdBase + relativeId)) as JsonSchema
            ?? throw new InvalidOperationException($"No DSP schema {relativeId}");
        var result = schema.Evaluate(message, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")).ToList();
    }

    private static BuildOptions Load()
    {
        var root = Path.Combine(TestPaths.SharedTestData, "dsp", "artifacts", "src", "main", "resources");
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var file in Directory.EnumerateFiles(root, "*-schema.json", SearchOption.AllDirectories))
        {
            // Upstream quirk (INDEX.md §3a): some $refs lack the '/' after '#'; strict validators need it.
            var text = File.ReadAllText(file).Replace("#definitions/", "#/definitions/", StringComparison.Ordinal);
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            JsonSchema.FromText(text, options, new Uri(IdBase + relative));
        }
        return options;
    }
}
