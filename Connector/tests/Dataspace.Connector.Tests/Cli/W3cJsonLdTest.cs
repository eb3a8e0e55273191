using System.Globalization;
using System.Text.Json.Nodes;

namespace Dataspace.Connector.Tests.Cli;

/// <summary>One W3C JSON-LD API test and the <c>dataspace jsonld</c> command line that runs it.</summary>
public sealed record W3cJsonLdTest(
    string Manifest,
    string Id,
    IReadOnlyList<string> Types,
    string Input,
    string? Expect,
    string? ExpectErrorCode,
    string? Context,
    JsonObject Option)
{
    /// <summary>"manifest#id", as in the suite reports.</summary>
    public string FullId => Manifest + Id;

    /// <summary>The test expects an error code.</summary>
    public bool IsNegative => Types.Contains("jld:NegativeEvaluationTest");

    /// <summary>The test only checks that processing succeeds.</summary>
    public bool IsSyntaxOnly => Types.Contains("jld:PositiveSyntaxTest");

    /// <summary>The arguments: the local input file, the suite URL mapped onto the local folder, the document URL as --base unless the test sets its own base, and each test option as its flag.</summary>
    public string[] Arguments()
    {
        var args = new List<string>
        {
            "jsonld",
            Manifest == "toRdf" ? "to-rdf" : Manifest,
            LocalPath(Input),
            "--map", W3cJsonLdSuite.BaseIri + "=" + W3cJsonLdSuite.Folder,
            "--base", Text("base") ?? W3cJsonLdSuite.BaseIri + Input,
        };
        if (Context is not null)
        {
            args.AddRange(["--context", LocalPath(Context)]);
        }

        if (Text("expandContext") is { } expandContext)
        {
            args.AddRange(["--expand-context", LocalPath(expandContext)]);
        }

        AddIfSet(args, "--processing-mode", Text("processingMode"));
        AddIfSet(args, "--rdf-direction", Text("rdfDirection"));
        AddIfSet(args, "--compact-arrays", Flag("compactArrays"));
        AddIfSet(args, "--compact-to-relative", Flag("compactToRelative"));
        AddIfSet(args, "--produce-generalized-rdf", Flag("produceGeneralizedRdf"));
        return [.. args];
    }

    /// <summary>A path inside the local copy of the suite.</summary>
    public static string LocalPath(string relative) => Path.Combine(W3cJsonLdSuite.Folder, relative);

    private static void AddIfSet(List<string> args, string flag, string? value)
    {
        if (value is not null)
        {
            args.AddRange([flag, value]);
        }
    }

    private string? Text(string option) => Option[option]?.GetValue<string>();

    private string? Flag(string option) => Option[option]?.GetValue<bool>() is { } value ? value.ToString(CultureInfo.InvariantCulture).ToLowerInvariant() : null;
}
