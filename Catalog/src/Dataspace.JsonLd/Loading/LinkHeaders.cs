using System.Text.RegularExpressions;
using Dataspace.JsonLd.Iri;

namespace Dataspace.JsonLd.Loading;

/// <summary>HTTP Link header rules of the JSON-LD 1.1 API (§9.4.1): a JSON document may name its context; a non-JSON document may point to a JSON-LD alternate.</summary>
public static partial class LinkHeaders
{
    /// <summary>The link relation naming a JSON-LD context for a plain JSON document.</summary>
    public const string ContextRelation = "http://www.w3.org/ns/json-ld#context";

    /// <summary>Applies the Link header rules; returns the context URL for plain JSON and the alternate JSON-LD URL for non-JSON content (both resolved against <paramref name="documentUrl"/>).</summary>
    /// <exception cref="JsonLdException">"multiple context link headers" when a JSON document names more than one context.</exception>
    public static (string? ContextUrl, string? AlternateUrl) Interpret(string documentUrl, string? contentType, IEnumerable<string> headerValues)
    {
        ArgumentNullException.ThrowIfNull(headerValues);
        var links = headerValues.SelectMany(Parse).ToList();
        var isJsonLd = contentType == "application/ld+json";
        var isJson = contentType == "application/json" || (contentType?.EndsWith("+json", StringComparison.Ordinal) ?? false);
        if (isJson && !isJsonLd)
        {
            var contexts = links.Where(l => l.Rel == ContextRelation).ToList();
            if (contexts.Count > 1)
            {
                throw new JsonLdException(JsonLdErrorCode.MultipleContextLinkHeaders, $"'{documentUrl}' has more than one JSON-LD context Link header");
            }

            return (contexts.Count == 1 ? IriResolution.Resolve(documentUrl, contexts[0].Target) : null, null);
        }

        if (!isJson && !isJsonLd)
        {
            var alternate = links.FirstOrDefault(l => l.Rel == "alternate" && l.Type == "application/ld+json");
            return (null, alternate.Target is null ? null : IriResolution.Resolve(documentUrl, alternate.Target));
        }

        return (null, null);
    }

    private static IEnumerable<(string Target, string? Rel, string? Type)> Parse(string headerValue)
    {
        foreach (Match link in Link().Matches(headerValue))
        {
            string? rel = null;
            string? type = null;
            foreach (Match parameter in Parameter().Matches(link.Groups["params"].Value))
            {
                var value = parameter.Groups["quoted"].Success ? parameter.Groups["quoted"].Value : parameter.Groups["token"].Value;
                switch (parameter.Groups["name"].Value.ToLowerInvariant())
                {
                    case "rel":
                        rel = value;
                        break;
                    case "type":
                        type = value;
                        break;
                }
            }

            yield return (link.Groups["target"].Value, rel, type);
        }
    }

    [GeneratedRegex(@"<(?<target>[^>]*)>(?<params>(?:\s*;\s*[^;,]+)*)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?<name>[A-Za-z*]+)\s*=\s*(?:""(?<quoted>[^""]*)""|(?<token>[^;\s,]+))")]
    private static partial Regex Parameter();
}
