using Dataspace.JsonLd.Context;

namespace Dataspace.JsonLd.Compaction;

/// <summary>The inverse context (JSON-LD 1.1 API §4.3): IRI → container → @language/@type/@any → value → best term.</summary>
internal sealed class InverseContext
{
    private readonly Dictionary<string, Dictionary<string, TypeLanguageMap>> _byIri = new(StringComparer.Ordinal);

    public static InverseContext Create(ActiveContext active)
    {
        var result = new InverseContext();
        var defaultLanguage = active.DefaultLanguage?.ToLowerInvariant() ?? Keywords.None;
        var terms = active.Terms
            .Where(t => t.Value.IriMapping is not null)
            .OrderBy(t => t.Key.Length)
            .ThenBy(t => t.Key, StringComparer.Ordinal);
        foreach (var (term, definition) in terms)
        {
            var container = definition.ContainerMapping is { Count: > 0 } c
                ? string.Concat(c.Order(StringComparer.Ordinal))
                : Keywords.None;
            if (!result._byIri.TryGetValue(definition.IriMapping!, out var containerMap))
            {
                containerMap = new Dictionary<string, TypeLanguageMap>(StringComparer.Ordinal);
                result._byIri[definition.IriMapping!] = containerMap;
            }

            if (!containerMap.TryGetValue(container, out var typeLanguage))
            {
                typeLanguage = new TypeLanguageMap();
                typeLanguage.Any[Keywords.None] = term;
                containerMap[container] = typeLanguage;
            }

            var languageMap = typeLanguage.Language;
            var typeMap = typeLanguage.Type;
            if (definition.IsReverse)
            {
                typeMap.TryAdd(Keywords.Reverse, term);
            }
            else if (definition.TypeMapping == Keywords.None)
            {
                languageMap.TryAdd(Keywords.Any, term);
                typeMap.TryAdd(Keywords.Any, term);
            }
            else if (definition.TypeMapping is { } type)
            {
                typeMap.TryAdd(type, term);
            }
            else if (definition.HasLanguageMapping && definition.HasDirectionMapping)
            {
                var language = definition.LanguageMapping?.ToLowerInvariant();
                var direction = definition.DirectionMapping;
                var key = (language, direction) switch
                {
                    (not null, not null) => language + "_" + direction,
                    (not null, null) => language,
                    (null, not null) => "_" + direction,
                    _ => Keywords.Null,
                };
                languageMap.TryAdd(key, term);
            }
            else if (definition.HasLanguageMapping)
            {
                languageMap.TryAdd(definition.LanguageMapping?.ToLowerInvariant() ?? Keywords.Null, term);
            }
            else if (definition.HasDirectionMapping)
            {
                languageMap.TryAdd(definition.DirectionMapping is { } d ? "_" + d : Keywords.None, term);
            }
            else if (active.DefaultBaseDirection is { } defaultDirection)
            {
                languageMap.TryAdd((active.DefaultLanguage?.ToLowerInvariant() ?? string.Empty) + "_" + defaultDirection, term);
                languageMap.TryAdd(Keywords.None, term);
                typeMap.TryAdd(Keywords.None, term);
            }
            else
            {
                languageMap.TryAdd(defaultLanguage, term);
                languageMap.TryAdd(Keywords.None, term);
                typeMap.TryAdd(Keywords.None, term);
            }
        }

        return result;
    }

    public bool Contains(string iri) => _byIri.ContainsKey(iri);

    /// <summary>The term selection algorithm (JSON-LD 1.1 API §6.2.3).</summary>
    public string? SelectTerm(string iri, IEnumerable<string> containers, string typeLanguage, IReadOnlyList<string> preferredValues)
    {
        if (!_byIri.TryGetValue(iri, out var containerMap))
        {
            return null;
        }

        foreach (var container in containers)
        {
            if (!containerMap.TryGetValue(container, out var typeLanguageMap))
            {
                continue;
            }

            var valueMap = typeLanguage switch
            {
                Keywords.Language => typeLanguageMap.Language,
                Keywords.Type => typeLanguageMap.Type,
                _ => typeLanguageMap.Any,
            };
            foreach (var preferred in preferredValues)
            {
                if (valueMap.TryGetValue(preferred, out var term))
                {
                    return term;
                }
            }
        }

        return null;
    }

    private sealed class TypeLanguageMap
    {
        public Dictionary<string, string> Language { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Type { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, string> Any { get; } = new(StringComparer.Ordinal);
    }
}
