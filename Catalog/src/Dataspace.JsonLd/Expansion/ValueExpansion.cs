using Dataspace.JsonLd.Context;

namespace Dataspace.JsonLd.Expansion;

/// <summary>Value expansion (JSON-LD 1.1 API §5.3.2): turns a scalar into a value object or node reference using the active property's term definition.</summary>
internal static class ValueExpansion
{
    public static JsonMap Expand(ActiveContext active, string? activeProperty, object value)
    {
        var definition = active.Term(activeProperty);
        var typeMapping = definition?.TypeMapping;
        if (typeMapping == Keywords.Id && value is string id)
        {
            return new JsonMap { [Keywords.Id] = IriExpansion.Expand(active, id, documentRelative: true) };
        }

        if (typeMapping == Keywords.Vocab && value is string vocabId)
        {
            return new JsonMap { [Keywords.Id] = IriExpansion.Expand(active, vocabId, documentRelative: true, vocab: true) };
        }

        var result = new JsonMap { [Keywords.Value] = value };
        if (typeMapping is not null and not (Keywords.Id or Keywords.Vocab or Keywords.None))
        {
            result[Keywords.Type] = typeMapping;
        }
        else if (value is string)
        {
            var language = definition is { HasLanguageMapping: true } ? definition.LanguageMapping : active.DefaultLanguage;
            var direction = definition is { HasDirectionMapping: true } ? definition.DirectionMapping : active.DefaultBaseDirection;
            if (language is not null)
            {
                result[Keywords.Language] = language;
            }

            if (direction is not null)
            {
                result[Keywords.Direction] = direction;
            }
        }

        return result;
    }
}
