using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dataspace.JsonLd;
using Dataspace.JsonLd.Rdf;

namespace Dataspace.Connector.Cli;

/// <summary>Runs one <c>dataspace jsonld</c> subcommand: reads the inputs, calls the JSON-LD API, prints JSON or RDF on stdout and maps failures to exit codes.</summary>
/// <param name="operation">The API method, or null for the bare <c>jsonld</c> command (which only reports that a subcommand is missing).</param>
/// <param name="options">The subcommand's symbols; null with a null <paramref name="operation"/>.</param>
public sealed class JsonLdCommandAction(JsonLdCommandOperation? operation, JsonLdCommandOptions? options) : SynchronousCommandLineAction
{
    private static readonly JsonSerializerOptions OutputJson = new()
    {
        WriteIndented = true,
        // Output goes to a terminal or a file, never into HTML, so non-ASCII text stays readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // Parse errors must reach Invoke so they exit with UsageError (2): System.CommandLine's own exit code for them is 1, which means a JSON-LD error here.
    /// <inheritdoc />
    public override bool ClearsParseErrors => true;

    /// <inheritdoc />
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var problems = parseResult.Errors.Select(e => e.Message)
            .Concat(parseResult.UnmatchedTokens.Select(t => $"Unrecognized argument '{t}'."))
            .ToList();
        if (operation is not { } op || options is null)
        {
            problems.Add("Choose a subcommand: expand, compact, flatten or to-rdf.");
            return Usage(parseResult, problems);
        }

        if (problems.Count > 0)
        {
            return Usage(parseResult, problems);
        }

        try
        {
            var output = Run(op, options, parseResult);
            Console.Out.Write(output);
            Console.Out.Flush();
            return 0;
        }
        catch (JsonLdException e)
        {
            Console.Error.WriteLine("jsonld: " + e.Message);
            return JsonLdCommand.JsonLdError;
        }
        catch (JsonLdCommandUsageException e)
        {
            return Usage(parseResult, [e.Message]);
        }
    }

    private static int Usage(ParseResult parseResult, IEnumerable<string> problems) =>
        CliUsage.Print(parseResult, problems);

    private static string Run(JsonLdCommandOperation operation, JsonLdCommandOptions symbols, ParseResult parseResult)
    {
        var limits = new JsonLdLimits();
        using var loader = JsonLdCommandLoader.Create(parseResult.GetValue(symbols.Map) ?? [], parseResult.GetValue(symbols.AllowRemote) ?? [], limits);
        var options = new JsonLdOptions
        {
            Base = parseResult.GetValue(symbols.Base),
            ExpandContext = ReadContext(parseResult.GetValue(symbols.ExpandContext), "--expand-context", limits),
            ProcessingMode = parseResult.GetRequiredValue(symbols.ProcessingMode),
            CompactArrays = parseResult.GetValue(symbols.CompactArrays),
            CompactToRelative = parseResult.GetValue(symbols.CompactToRelative),
            RdfDirection = parseResult.GetValue(symbols.RdfDirection),
            ProduceGeneralizedRdf = parseResult.GetValue(symbols.ProduceGeneralizedRdf),
            Ordered = parseResult.GetValue(symbols.Ordered),
            DocumentLoader = loader.Loader,
            Limits = limits,
        };
        var context = operation is JsonLdCommandOperation.Compact or JsonLdCommandOperation.Flatten
            ? ReadContext(parseResult.GetValue(symbols.Context), "--context", limits)
            : null;
        var file = parseResult.GetRequiredValue(symbols.File);
        // A file inside a --map folder is the document at its URL, so relative context references resolve as they would online and --base only sets the base IRI.
        var url = RemoteUrl(file) ?? (file == "-" || !File.Exists(file) ? null : loader.UrlOf(file));
        var result = url is not null
            ? Execute(operation, new JsonLdInput(url), context, options)
            : ExecuteLocal(operation, file, context, options);
        return result switch
        {
            RdfDataset dataset when operation == JsonLdCommandOperation.ToRdf && parseResult.GetValue(symbols.OutputFormat) == "turtle" => Turtle(dataset),
            RdfDataset dataset => dataset.ToNQuads(),
            JsonNode json => json.ToJsonString(OutputJson) + Environment.NewLine,
            _ => throw new InvalidOperationException($"unexpected result {result.GetType().Name}"),
        };
    }

    private static object ExecuteLocal(JsonLdCommandOperation operation, string file, JsonNode? context, JsonLdOptions options)
    {
        var bytes = ReadBytes(file);
        JsonDocument document;
        try
        {
            // One level of slack so documents nested too deeply fail with the processor's own limit error.
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = options.Limits.MaxJsonDepth + 1 });
        }
        catch (JsonException e)
        {
            throw new JsonLdException(JsonLdErrorCode.LoadingDocumentFailed, $"'{file}' is not JSON: {e.Message}", e);
        }

        using (document)
        {
            return Execute(operation, new JsonLdInput(document.RootElement), context, options);
        }
    }

    private static object Execute(JsonLdCommandOperation operation, JsonLdInput input, JsonNode? context, JsonLdOptions options) => operation switch
    {
        JsonLdCommandOperation.Expand => input.Url is { } url ? JsonLdProcessor.Expand(url, options) : JsonLdProcessor.Expand(input.Element, options),
        JsonLdCommandOperation.Compact => input.Url is { } url ? JsonLdProcessor.Compact(url, context, options) : JsonLdProcessor.Compact(input.Element, context, options),
        JsonLdCommandOperation.Flatten => input.Url is { } url ? JsonLdProcessor.Flatten(url, context, options) : JsonLdProcessor.Flatten(input.Element, context, options),
        JsonLdCommandOperation.ToRdf => input.Url is { } url ? JsonLdProcessor.ToRdfDataset(url, options) : JsonLdProcessor.ToRdfDataset(input.Element, options),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static string Turtle(RdfDataset dataset)
    {
        try
        {
            return dataset.ToTurtle();
        }
        catch (InvalidOperationException e)
        {
            throw new JsonLdCommandUsageException($"--output-format turtle: {e.Message}; use --output-format nquads");
        }
    }

    /// <summary>A context option: an http(s) URL stays an IRI (loaded like any remote context); anything else is a JSON file.</summary>
    private static JsonNode? ReadContext(string? value, string option, JsonLdLimits limits)
    {
        if (value is null)
        {
            return null;
        }

        if (RemoteUrl(value) is not null)
        {
            return JsonValue.Create(value);
        }

        try
        {
            return JsonNode.Parse(ReadBytes(value), documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth + 1 });
        }
        catch (JsonException e)
        {
            throw new JsonLdCommandUsageException($"{option} '{value}' is not JSON: {e.Message}");
        }
    }

    private static Uri? RemoteUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private static byte[] ReadBytes(string file)
    {
        try
        {
            if (file == "-")
            {
                using var stdin = Console.OpenStandardInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return buffer.ToArray();
            }

            return File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new JsonLdCommandUsageException($"cannot read '{file}': {e.Message}");
        }
    }

    private readonly record struct JsonLdInput(Uri? Url, JsonElement Element)
    {
        public JsonLdInput(Uri url)
            : this(url, default)
        {
        }

        public JsonLdInput(JsonElement element)
            : this(null, element)
        {
        }
    }
}
