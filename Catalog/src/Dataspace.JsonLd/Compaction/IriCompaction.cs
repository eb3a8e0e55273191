using Dataspace.JsonLd.Context;
using Dataspace.JsonLd.Iri;
using static Dataspace.JsonLd.Expansion.NodeShapes;

namespace Dataspace.JsonLd.Compaction;

/// <summary>IRI compaction (JSON-LD 1.1 API §6.2.2): picks the best term, compact IRI or relative IRI for an IRI.</summary>
internal static class IriCompaction
{
    public static string? Compact(ProcessingState state, ActiveContext active, string? iri, object? value = null, bool vocab = false, bool reverse = false)
    {
        if (iri is null)
        {
            return null;
        }

        if (vocab && active.Inverse.Contains(iri))
        {
            var term = SelectTerm(state, active, iri, value, reverse);
            if (term is not null)
            {
                return term;
            }
        }

        // What follows depends only on the context, the IRI, vocab and whether a value was given: memoize it per context.
        var cacheKey = (iri, vocab, value is null);
        if (active.IriCompactionCache.TryGetValue(cacheKey, out var cached))
        {
            return cached;
        }

        var compacted = CompactWithoutTerm(state, active, iri, value, vocab);
        active.IriCompactionCache[cacheKey] = compacted;
        return compacted;
    }

    private static string CompactWithoutTerm(ProcessingState state, ActiveContext active, string iri, object? value, bool vocab)
    {
        if (vocab && active.VocabularyMapping is { } vocabMapping
            && iri.StartsWith(vocabMapping, StringComparison.Ordinal) && iri.Length > vocabMapping.Length)
        {
            var suffix = iri[vocabMapping.Length..];
            if (!active.Terms.ContainsKey(suffix))
            {
                return suffix;
            }
        }

        string? compactIri = null;
        foreach (var (term, definition) in active.Terms)
        {
            if (definition.IriMapping is not { } prefixIri || prefixIri == iri || !iri.StartsWith(prefixIri, StringComparison.Ordinal) || !definition.IsPrefix)
            {
                continue;
            }

            var candidate = term + ":" + iri[prefixIri.Length..];
            var isShorterOrLess = compactIri is null || candidate.Length < compactIri.Length
                || (candidate.Length == compactIri.Length && string.CompareOrdinal(candidate, compactIri) < 0);
            if (isShorterOrLess && (!active.Terms.TryGetValue(candidate, out var existing) || (existing.IriMapping == iri && value is null)))
            {
                compactIri = candidate;
            }
        }

        if (compactIri is not null)
        {
            return compactIri;
        }

        var schemeLength = IriSyntax.SchemeLength(iri);
        if (schemeLength > 0 && active.Term(iri[..schemeLength]) is { IsPrefix: true }
            && !iri.AsSpan(schemeLength + 1).StartsWith("//", StringComparison.Ordinal))
        {
            throw new JsonLdException(JsonLdErrorCode.IriConfusedWithPrefix, $"'{iri}' would be read as a compact IRI");
        }

        if (!vocab && state.Options.CompactToRelative)
        {
            return IriResolution.Relativize(active.BaseIri, iri);
        }

        return iri;
    }

    private static string? SelectTerm(ProcessingState state, ActiveContext active, string iri, object? value, bool reverse)
    {
        var defaultLanguage = active.DefaultBaseDirection is { } dir
            ? (active.DefaultLanguage?.ToLowerInvariant() ?? string.Empty) + "_" + dir
            : active.DefaultLanguage?.ToLowerInvariant() ?? Keywords.None;
        var map = value as JsonMap;
        if (map is not null && map.TryGetValue(Keywords.Preserve, out var preserved))
        {
            map = AsList(preserved).FirstOrDefault() as JsonMap;
        }

        var containers = new List<string>();
        var typeLanguage = Keywords.Language;
        string? typeLanguageValue = Keywords.Null;
        if (map is not null && map.ContainsKey(Keywords.Index) && !IsGraphObject(map))
        {
            containers.Add(Keywords.Index);
            containers.Add("@index@set");
        }

        if (reverse)
        {
            typeLanguage = Keywords.Type;
            typeLanguageValue = Keywords.Reverse;
            containers.Add(Keywords.Set);
        }
        else if (IsListObject(map))
        {
            if (!map!.ContainsKey(Keywords.Index))
            {
                containers.Add(Keywords.List);
            }

            var list = AsList(map[Keywords.List]);
            string? commonType = null;
            string? commonLanguage = list.Count == 0 ? defaultLanguage : null;
            foreach (var item in list)
            {
                var itemLanguage = Keywords.None;
                var itemType = Keywords.None;
                if (item is JsonMap itemMap && itemMap.ContainsKey(Keywords.Value))
                {
                    if (itemMap.TryGetValue(Keywords.Direction, out var itemDirection))
                    {
                        itemLanguage = ((itemMap.GetValueOrDefault(Keywords.Language) as string)?.ToLowerInvariant() ?? string.Empty) + "_" + itemDirection;
                    }
                    else if (itemMap.TryGetValue(Keywords.Language, out var itemLang))
                    {
                        itemLanguage = ((string)itemLang!).ToLowerInvariant();
                    }
                    else if (itemMap.TryGetValue(Keywords.Type, out var itemTypeValue))
                    {
                        itemType = (string)itemTypeValue!;
                    }
                    else
                    {
                        itemLanguage = Keywords.Null;
                    }
                }
                else
                {
                    itemType = Keywords.Id;
                }

                if (commonLanguage is null)
                {
                    commonLanguage = itemLanguage;
                }
                else if (itemLanguage != commonLanguage && item is JsonMap valueItem && valueItem.ContainsKey(Keywords.Value))
                {
                    commonLanguage = Keywords.None;
                }

                if (commonType is null)
                {
                    commonType = itemType;
                }
                else if (itemType != commonType)
                {
                    commonType = Keywords.None;
                }

                if (commonLanguage == Keywords.None && commonType == Keywords.None)
                {
                    break;
                }
            }

            commonLanguage ??= Keywords.None;
            commonType ??= Keywords.None;
            if (commonType != Keywords.None)
            {
                typeLanguage = Keywords.Type;
                typeLanguageValue = commonType;
            }
            else
            {
                typeLanguageValue = commonLanguage;
            }
        }
        else if (IsGraphObject(map))
        {
            if (map!.ContainsKey(Keywords.Index))
            {
                containers.AddRange(["@graph@index", "@graph@index@set"]);
            }

            if (map.ContainsKey(Keywords.Id))
            {
                containers.AddRange(["@graph@id", "@graph@id@set"]);
            }

            containers.AddRange([Keywords.Graph, "@graph@set", Keywords.Set]);
            if (!map.ContainsKey(Keywords.Index))
            {
                containers.AddRange(["@graph@index", "@graph@index@set"]);
            }

            if (!map.ContainsKey(Keywords.Id))
            {
                containers.AddRange(["@graph@id", "@graph@id@set"]);
            }

            containers.AddRange([Keywords.Index, "@index@set"]);
            typeLanguage = Keywords.Type;
            typeLanguageValue = Keywords.Id;
        }
        else
        {
            if (map is not null && map.ContainsKey(Keywords.Value))
            {
                if (map.TryGetValue(Keywords.Direction, out var direction) && !map.ContainsKey(Keywords.Index))
                {
                    typeLanguageValue = ((map.GetValueOrDefault(Keywords.Language) as string)?.ToLowerInvariant() ?? string.Empty) + "_" + direction;
                    containers.AddRange([Keywords.Language, "@language@set"]);
                }
                else if (map.TryGetValue(Keywords.Language, out var language) && !map.ContainsKey(Keywords.Index))
                {
                    typeLanguageValue = ((string)language!).ToLowerInvariant();
                    containers.AddRange([Keywords.Language, "@language@set"]);
                }
                else if (map.TryGetValue(Keywords.Type, out var type))
                {
                    typeLanguage = Keywords.Type;
                    typeLanguageValue = type as string;
                }
            }
            else
            {
                typeLanguage = Keywords.Type;
                typeLanguageValue = Keywords.Id;
                containers.AddRange([Keywords.Id, "@id@set", Keywords.Type, "@set@type"]);
            }

            containers.Add(Keywords.Set);
        }

        containers.Add(Keywords.None);
        if (!state.IsJsonLd10 && (map is null || !map.ContainsKey(Keywords.Index)))
        {
            containers.AddRange([Keywords.Index, "@index@set"]);
        }

        if (!state.IsJsonLd10 && map is { Count: 1 } && map.ContainsKey(Keywords.Value))
        {
            containers.AddRange([Keywords.Language, "@language@set"]);
        }

        typeLanguageValue ??= Keywords.Null;
        var preferred = new List<string>();
        if (typeLanguageValue == Keywords.Reverse)
        {
            preferred.Add(Keywords.Reverse);
        }

        if (typeLanguageValue is Keywords.Id or Keywords.Reverse && map is not null && map.TryGetValue(Keywords.Id, out var idValue) && idValue is string id)
        {
            var compactedId = Compact(state, active, id, vocab: true);
            if (active.Term(compactedId) is { } idTerm && idTerm.IriMapping == id)
            {
                preferred.AddRange([Keywords.Vocab, Keywords.Id, Keywords.None]);
            }
            else
            {
                preferred.AddRange([Keywords.Id, Keywords.Vocab, Keywords.None]);
            }
        }
        else
        {
            preferred.AddRange([typeLanguageValue, Keywords.None]);
            if (IsListObject(map) && AsList(map![Keywords.List]).Count == 0)
            {
                typeLanguage = Keywords.Any;
            }
        }

        preferred.Add(Keywords.Any);
        for (var i = 0; i < preferred.Count; i++)
        {
            var underscore = preferred[i].IndexOf('_', StringComparison.Ordinal);
            if (underscore > 0)
            {
                preferred.Add(preferred[i][underscore..]);
            }
        }

        return active.Inverse.SelectTerm(iri, containers, typeLanguage, preferred);
    }
}
