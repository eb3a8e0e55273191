using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using Dataspace.Connector.Hosting;
using Dataspace.Fhir.Core;
using Hl7.Fhir.Rest;
using Microsoft.Extensions.Options;

namespace Dataspace.Connector.Transfer;

/// <summary>
/// Released data read from an external FHIR R4 server (<c>Transfer:FhirSource:BaseUrl</c>) with Firely's
/// <see cref="FhirClient"/>: the search <c>{type}?patient=…&amp;filters</c> with <c>Prefer: handling=strict</c> (a server
/// must refuse a parameter it does not know rather than ignore it) and <c>_count</c> = <c>Transfer:FhirSource:PageSize</c>,
/// following each Bundle's <c>next</c> link on the same server. Every match goes out as the server sent it — its raw JSON
/// from the response body, with whitespace removed if the server pretty-printed — never re-serialised. Entries of another
/// type, included and outcome entries, and resources whose <c>subject</c> or <c>patient</c> names someone else are
/// dropped, so a server that answers wrongly cannot widen what one patient's consent releases.
/// </summary>
public sealed class ExternalFhirSource(IHttpClientFactory clients, IOptions<ConnectorOptions> options, ILogger<ExternalFhirSource> logger) : IFhirSource
{
    /// <summary>The named HTTP client for the external server (its headers, its timeout, no redirects).</summary>
    public const string HttpClientName = "fhir-source";

    /// <inheritdoc />
    public bool IsValidated => false;

    /// <inheritdoc />
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(
        string resourceType, string patient, IReadOnlyList<KeyValuePair<string, string>> filters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var source = options.Value.Transfer.FhirSource;
        var baseUrl = new Uri(source.BaseUrl!.TrimEnd('/') + "/");
        var settings = new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            PreferredParameterHandling = SearchParameterHandling.Strict,
            Timeout = (int)source.Timeout.TotalMilliseconds,
        };
        using var http = clients.CreateClient(HttpClientName);
        using var client = new FhirClient(baseUrl, http, settings);
        var compartment = PatientCompartment.Criterion(resourceType, patient);
        var search = new SearchParams().Add(compartment.Key, compartment.Value).LimitTo(source.PageSize);
        // The data plane pages for itself; the consumer's _count has no meaning here.
        foreach (var (name, value) in filters.Where(f => f.Key != "_count"))
            search.Add(name, value);

        var dropped = 0;
        var bundle = await client.SearchAsync(search, resourceType, cancellationToken);
        while (bundle is not null)
        {
            // FhirClient has checked the page is a FHIR Bundle; the resources are taken from the bytes it received.
            foreach (var json in Matches(client.LastBody ?? [], resourceType, patient, ref dropped))
                yield return json;
            if (bundle.NextLink is not { } next)
                break;
            if (!baseUrl.IsBaseOf(next.IsAbsoluteUri ? next : new Uri(baseUrl, next)))
                throw new InvalidOperationException("The external FHIR server's next link leaves its base URL.");
            bundle = await client.ContinueAsync(bundle, PageDirection.Next, cancellationToken);
        }
        if (dropped > 0)
            logger.LogWarning("The external FHIR server answered {Count} {ResourceType} resource(s) outside one patient's search; they were not released", dropped, resourceType);
    }

    /// <summary>The matches of one search Bundle as compact UTF-8 JSON; counts what it drops.</summary>
    private static List<byte[]> Matches(byte[] body, string resourceType, string patient, ref int dropped)
    {
        using var document = JsonDocument.Parse(body);
        var matches = new List<byte[]>();
        if (!document.RootElement.TryGetProperty("entry", out var entries) || entries.ValueKind != JsonValueKind.Array)
            return matches;
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.TryGetProperty("search", out var search) && search.TryGetProperty("mode", out var mode) && mode.ValueEquals("include"u8))
                continue;
            if (!entry.TryGetProperty("resource", out var resource) || resource.ValueKind != JsonValueKind.Object
                || !resource.TryGetProperty("resourceType", out var type) || !type.ValueEquals(resourceType))
            {
                // An OperationOutcome entry (mode "outcome") carries warnings, not data.
                if (!(entry.TryGetProperty("resource", out var other) && other.TryGetProperty("resourceType", out var otherType) && otherType.ValueEquals("OperationOutcome"u8)))
                    dropped++;
                continue;
            }
            if (!Concerns(resource, patient))
            {
                dropped++;
                continue;
            }
            matches.Add(Compact(resource));
        }
        return matches;
    }

    /// <summary>
    /// False when the resource's <c>subject</c> or <c>patient</c> reference names another resource than
    /// <paramref name="patient"/>, or when it is a Patient other than that one.
    /// </summary>
    private static bool Concerns(JsonElement resource, string patient)
    {
        if (resource.TryGetProperty("resourceType", out var type) && type.ValueEquals("Patient"u8))
            return resource.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && "Patient/" + id.GetString() == patient;
        foreach (var name in (ReadOnlySpan<string>)["subject", "patient"])
        {
            if (!resource.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.Object
                || !element.TryGetProperty("reference", out var value) || value.ValueKind != JsonValueKind.String)
                continue;
            var reference = value.GetString()!;
            var history = reference.IndexOf("/_history/", StringComparison.Ordinal);
            if (history >= 0)
                reference = reference[..history];
            return reference == patient || reference.EndsWith("/" + patient, StringComparison.Ordinal);
        }
        return true;
    }

    /// <summary>The resource's bytes as received; rewritten without whitespace only when they span lines, which NDJSON forbids.</summary>
    private static byte[] Compact(JsonElement resource)
    {
        var raw = JsonMarshal.GetRawUtf8Value(resource);
        if (raw.IndexOfAny((byte)'\n', (byte)'\r') < 0)
            return raw.ToArray();
        var buffer = new ArrayBufferWriter<byte>(raw.Length);
        using (var writer = new Utf8JsonWriter(buffer, FhirJson.Writer))
            resource.WriteTo(writer);
        return buffer.WrittenSpan.ToArray();
    }
}
