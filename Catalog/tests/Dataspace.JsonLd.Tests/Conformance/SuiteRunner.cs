using System.Text.Json.Nodes;
using Dataspace.JsonLd.Loading;

namespace Dataspace.JsonLd.Tests.Conformance;

/// <summary>Runs one W3C JSON-LD API test through the public API, with the suite's base URL mapped onto the local copy.</summary>
internal static class SuiteRunner
{
    private static readonly Lazy<IDocumentLoader> Loader = new(() =>
        new PrefixMappingDocumentLoader([new(SuiteManifest.BaseIri, TestData.JsonLdApiTests)]));

    /// <summary>Null when the test passes, else why it failed; a <paramref name="contextCache"/> shares processed contexts across tests.</summary>
    public static string? Run(SuiteEntry entry, JsonLdContextCache? contextCache = null)
    {
        try
        {
            var actual = Execute(entry, contextCache);
            if (entry.IsNegative)
            {
                return $"expected error '{entry.ExpectErrorCode}' but processing succeeded";
            }

            if (entry.IsSyntaxOnly)
            {
                return null;
            }

            return Compare(entry, actual);
        }
        catch (JsonLdException e) when (entry.IsNegative)
        {
            return e.Code == entry.ExpectErrorCode ? null : $"expected error '{entry.ExpectErrorCode}' but got '{e.Code}': {e.Message}";
        }
        catch (JsonLdException e)
        {
            return $"unexpected error '{e.Code}': {e.Message}";
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidCastException or NullReferenceException or KeyNotFoundException or ArgumentException or FormatException or IndexOutOfRangeException)
        {
            return $"crash {e.GetType().Name}: {e.Message}\n{e.StackTrace}";
        }
    }

    internal static JsonLdOptions Options(SuiteEntry entry, JsonLdContextCache? contextCache = null)
    {
        var expandContext = entry.OptionString("expandContext");
        return new JsonLdOptions
        {
            DocumentLoader = entry.Manifest == "remote-doc" ? new RemoteDocEmulatingLoader(entry, Loader.Value) : Loader.Value,
            Base = entry.OptionString("base"),
            ProcessingMode = entry.OptionString("processingMode") ?? JsonLdOptions.JsonLd11,
            CompactArrays = entry.OptionBool("compactArrays") ?? true,
            CompactToRelative = entry.OptionBool("compactToRelative") ?? true,
            RdfDirection = entry.OptionString("rdfDirection"),
            ProduceGeneralizedRdf = entry.OptionBool("produceGeneralizedRdf") ?? false,
            ExpandContext = expandContext is null ? null : JsonValue.Create(SuiteManifest.BaseIri + expandContext),
            ContextCache = entry.Manifest == "remote-doc" ? null : contextCache,
        };
    }

    private static object Execute(SuiteEntry entry, JsonLdContextCache? contextCache)
    {
        var options = Options(entry, contextCache);
        var input = new Uri(SuiteManifest.BaseIri + entry.Input);
        var context = entry.Context is null ? null : ReadJson(entry.Context);
        return entry.Manifest switch
        {
            "expand" or "remote-doc" => (object)JsonLdProcessor.Expand(input, options),
            "compact" => (object)JsonLdProcessor.Compact(input, context, options),
            "flatten" => (object)JsonLdProcessor.Flatten(input, context, options),
            "toRdf" => JsonLdProcessor.ToRdf(input, options),
            _ => throw new InvalidOperationException($"no runner for manifest '{entry.Manifest}'"),
        };
    }

    private static string? Compare(SuiteEntry entry, object actual)
    {
        if (entry.Manifest == "toRdf")
        {
            var expected = NQuadsIsomorphism.Parse(File.ReadAllText(LocalPath(entry.Expect!)));
            var produced = NQuadsIsomorphism.Parse((string)actual);
            return NQuadsIsomorphism.AreIsomorphic(expected, produced)
                ? null
                : $"datasets differ.\nexpected:\n{File.ReadAllText(LocalPath(entry.Expect!))}\nactual:\n{actual}";
        }

        var expectedJson = ReadJson(entry.Expect!);
        var actualJson = (JsonNode)actual;
        return JsonLdComparison.AreEquivalent(expectedJson, actualJson)
            ? null
            : $"documents differ.\nexpected:\n{expectedJson?.ToJsonString()}\nactual:\n{actualJson.ToJsonString()}";
    }

    private static JsonNode? ReadJson(string relative) => JsonNode.Parse(File.ReadAllText(LocalPath(relative)));

    private static string LocalPath(string relative) => Path.Combine(TestData.JsonLdApiTests, relative);
}
