using Dataspace.JsonLd.Context;

namespace Dataspace.JsonLd.Compaction;

/// <summary>Value compaction (JSON-LD 1.1 API §6.3.2): turns a value object or node reference back into a scalar where the term definition allows; otherwise returns the value unchanged (or, for @json terms, with compacted keys).</summary>
internal static class ValueCompaction
{
    public static object? Compact(ProcessingState state, ActiveContext active, string? activeProperty, JsonMap value)
    {
        var definition = active.Term(activeProperty);
        var language = definition is { HasLanguageMapping: true } ? definition.LanguageMapping : active.DefaultLanguage;
        var direction = definition is { HasDirectionMapping: true } ? definition.DirectionMapping : active.DefaultBaseDirection;
        var typeMapping = definition?.TypeMapping;
        var hasIndex = value.ContainsKey(Keywords.Index);
        var indexContainer = definition?.HasContainer(Keywords.Index) == true;

        if (value.TryGetValue(Keywords.Id, out var id) && (value.Count == 1 || (value.Count == 2 && hasIndex)))
        {
            if (typeMapping == Keywords.Id)
            {
                return IriCompaction.Compact(state, active, id as string);
            }

            if (typeMapping == Keywords.Vocab)
            {
                return IriCompaction.Compact(state, active, id as string, vocab: true);
            }
        }
        else if (value.TryGetValue(Keywords.Value, out var literal))
        {
            var hasType = value.TryGetValue(Keywords.Type, out var type);
            if (hasType && Equals(type, typeMapping))
            {
                if (!hasIndex || indexContainer)
                {
                    return literal;
                }
            }
            else if (typeMapping == Keywords.None || hasType)
            {
                // Value compaction is disabled: keep the value object, compacting its keys below.
            }
            else if (literal is not string)
            {
                if (!hasIndex || indexContainer)
                {
                    return literal;
                }
            }
            else if (LanguageMatches(value, language) && Equals(value.GetValueOrDefault(Keywords.Direction), direction)
                && (!hasIndex || indexContainer))
            {
                return literal;
            }
        }

        if (typeMapping != Keywords.Json)
        {
            // The caller only uses a non-scalar result for @json terms; everything else is compacted entry by entry.
            return value;
        }

        var result = new JsonMap();
        foreach (var (key, entry) in value)
        {
            var alias = IriCompaction.Compact(state, active, key, vocab: true)!;
            result[alias] = key == Keywords.Type && entry is string typeIri
                ? IriCompaction.Compact(state, active, typeIri, vocab: true)
                : entry;
        }

        return result;
    }

    private static bool LanguageMatches(JsonMap value, string? language)
    {
        var valueLanguage = value.GetValueOrDefault(Keywords.Language) as string;
        return string.Equals(valueLanguage, language, StringComparison.OrdinalIgnoreCase);
    }
}
