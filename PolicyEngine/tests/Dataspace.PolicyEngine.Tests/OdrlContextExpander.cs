using System.Text.Json;
using System.Text.Json.Nodes;

namespace Dataspace.PolicyEngine.Tests;

/// <summary>
/// Test-only stand-in for JSON-LD expansion, enough for the ODRL examples: applies the real ODRL 2.2 context
/// (w3c-poe/vocab/ODRL22.jsonld) — terms, prefixes, @id/@vocab/datatype coercion — plus any inline prefix map.
/// It does not implement scoped contexts, @base resolution, language maps or the rest of JSON-LD.
/// </summary>
internal sealed class OdrlContextExpander
{
    private readonly Dictionary<string, (string Iri, string? Type)> _terms = new(StringComparer.Ordinal);

    private OdrlContextExpander()
    {
    }

    public static OdrlContextExpander Odrl { get; } = Load();

    public JsonArray Expand(JsonObject document)
    {
        var expander = this;
        if (document["@context"] is JsonArray contexts && contexts.OfType<JsonObject>().Any())
        {
            expander = new OdrlContextExpander();
            foreach (var (term, definition) in _terms)
            {
                expander._terms[term] = definition;
            }

            foreach (var inline in contexts.OfType<JsonObject>())
            {
                expander.AddTerms(inline);
            }
        }

        return new JsonArray(expander.Node(document));
    }

    /// <summary>Expands one IRI as the ODRL context would in a @vocab position (terms, then prefixes).</summary>
    public string ExpandVocab(string value) => Iri(value, vocab: true);

    private static OdrlContextExpander Load()
    {
        var context = JsonNode.Parse(File.ReadAllText(TestData.Path("odrl", "w3c-poe", "vocab", "ODRL22.jsonld")))!["@context"]!.AsObject();
        var expander = new OdrlContextExpander();
        expander.AddTerms(context);
        return expander;
    }

    private void AddTerms(JsonObject context)
    {
        foreach (var (term, definition) in context)
        {
            switch (definition)
            {
                case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                    _terms[term] = (value.GetValue<string>(), null);
                    break;
                case JsonObject obj:
                    _terms[term] = (obj["@id"]?.GetValue<string>() ?? term, obj["@type"]?.GetValue<string>());
                    break;
            }
        }
    }

    private JsonObject Node(JsonObject node)
    {
        var result = new JsonObject();
        foreach (var (key, value) in node)
        {
            if (key == "@context" || value is null)
            {
                continue;
            }

            var expandedKey = Iri(key, vocab: true);
            if (expandedKey == "@id")
            {
                result["@id"] = Iri(value.GetValue<string>(), vocab: false);
                continue;
            }

            if (expandedKey == "@type")
            {
                var types = value is JsonArray array ? array.Select(t => t!.GetValue<string>()) : [value.GetValue<string>()];
                result["@type"] = new JsonArray([.. types.Select(t => (JsonNode)Iri(t, vocab: true))]);
                continue;
            }

            if (!expandedKey.Contains(':', StringComparison.Ordinal))
            {
                continue; // JSON-LD drops keys that map to no IRI.
            }

            var coercion = _terms.TryGetValue(key, out var definition) ? definition.Type : null;
            var items = value is JsonArray list ? list.ToList() : [value];
            result[expandedKey] = new JsonArray([.. items.Select(item => (JsonNode)Value(item!, coercion))]);
        }

        return result;
    }

    private JsonObject Value(JsonNode value, string? coercion)
    {
        if (value is JsonObject obj)
        {
            if (obj["@value"] is { } literal)
            {
                var expandedLiteral = new JsonObject { ["@value"] = literal.DeepClone() };
                if (obj["@type"] is { } type)
                {
                    expandedLiteral["@type"] = Iri(type.GetValue<string>(), vocab: true);
                }

                return expandedLiteral;
            }

            return obj["@list"] is JsonArray items
                ? new JsonObject { ["@list"] = new JsonArray([.. items.Select(i => (JsonNode)Value(i!, coercion))]) }
                : Node(obj);
        }

        var jsonValue = value.AsValue();
        if (jsonValue.GetValueKind() == JsonValueKind.String)
        {
            var text = jsonValue.GetValue<string>();
            return coercion switch
            {
                "@id" => new JsonObject { ["@id"] = Iri(text, vocab: false) },
                "@vocab" => new JsonObject { ["@id"] = Iri(text, vocab: true) },
                null => new JsonObject { ["@value"] = text },
                _ => new JsonObject { ["@value"] = text, ["@type"] = Iri(coercion, vocab: true) },
            };
        }

        return new JsonObject { ["@value"] = jsonValue.DeepClone() };
    }

    private string Iri(string value, bool vocab)
    {
        if (value.StartsWith('@'))
        {
            return value;
        }

        if (vocab && _terms.TryGetValue(value, out var term))
        {
            return term.Iri == value ? value : Iri(term.Iri, vocab: true);
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !value[(colon + 1)..].StartsWith("//", StringComparison.Ordinal)
            && _terms.TryGetValue(value[..colon], out var prefix) && (prefix.Iri.EndsWith('/') || prefix.Iri.EndsWith('#')))
        {
            return prefix.Iri + value[(colon + 1)..];
        }

        return value;
    }
}
