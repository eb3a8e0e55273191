using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Dataspace.Fhir.Core;

/// <summary>Firely's strict JSON parser and serializer, configured once: resources in, compact single-line JSON out.</summary>
public static partial class FhirJson
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Strict));

    // Ostrich mode builds the same model from valid JSON without checking it again: about a third of strict mode's time.
    private static readonly FhirJsonDeserializer ValidatedDeserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.Ostrich));
    private static readonly FhirJsonSerializer Serializer = new();

    // FHIR JSON is never embedded in HTML, so '+' in a timestamp need not become \u002B.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Options for writers that embed stored resources verbatim.</summary>
    public static JsonWriterOptions Writer => WriterOptions;

    /// <summary>Parses one resource; anything malformed or unknown to FHIR R4 is a 400 listing every problem found.</summary>
    public static Resource Parse(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            return Deserializer.DeserializeResource(ref reader);
        }
        catch (DeserializationFailedException e)
        {
            var issues = e.Exceptions.Take(20).Select(x => Describe(x.Message)).ToList();
            throw new FhirOutcomeException(400, issues.Count > 0 ? issues : [FhirIssue.Error(OperationOutcome.IssueType.Structure, "The body is not a valid FHIR R4 resource.")]);
        }
        catch (JsonException e) when (e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            throw FhirOutcomeException.BadRequest($"The JSON nests deeper than {maxDepth} levels.", code: OperationOutcome.IssueType.TooLong);
        }
        catch (JsonException)
        {
            throw FhirOutcomeException.BadRequest("The body is not well-formed JSON.", code: OperationOutcome.IssueType.Structure);
        }
    }

    // Firely quotes offending values in its messages ("string 'x' is not a correct literal …"); a value may be PHI, so
    // quoted text is dropped and the element's path goes into the issue's expression instead.
    private static FhirIssue Describe(string message)
    {
        var location = LocationPattern().Match(message);
        var text = QuotedPattern().Replace(location.Success ? message[..location.Index] : message, "'…'").Trim();
        return FhirIssue.Error(OperationOutcome.IssueType.Structure, text, location.Success ? location.Groups["path"].Value : null);
    }

    [GeneratedRegex("'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedPattern();

    [GeneratedRegex(@"\s*At (?<path>[A-Za-z0-9_.\[\]$]+), line \d+, position \d+\.?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex LocationPattern();

    /// <summary>
    /// Parses JSON this store wrote (strictly parsed on its way in, or serialised from Firely's model) without validating
    /// it again; never for JSON from outside.
    /// </summary>
    public static Resource ParseValidated(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 256 });
        return ValidatedDeserializer.DeserializeResource(ref reader);
    }

    /// <summary>Parses a resource of a known type, as when reading back what this store wrote.</summary>
    public static T Parse<T>(string json) where T : Resource => (T)Parse(System.Text.Encoding.UTF8.GetBytes(json), 256);

    /// <summary>Compact JSON of <paramref name="resource"/>.</summary>
    public static string Serialize(Base resource)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(resource, writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes <paramref name="resource"/> as the next value of <paramref name="writer"/>.</summary>
    public static void Write(Base resource, Utf8JsonWriter writer) => Serializer.Serialize(resource, writer);
}
